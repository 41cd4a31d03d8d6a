#!/usr/bin/env python3
"""Prints every failed test in the TRX files under a folder: name, message and the top of its stack.

CI shows only the end of a run's output; this puts the failures there, after the noise of the passing tests.
"""
import pathlib
import sys
import xml.etree.ElementTree as ElementTree

NAMESPACE = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
STACK_LINES = 8


def failures(folder):
    for trx in sorted(pathlib.Path(folder).rglob("*.trx")):
        root = ElementTree.parse(trx).getroot()
        for result in root.iterfind(".//t:UnitTestResult", NAMESPACE):
            if result.get("outcome") != "Failed":
                continue
            message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NAMESPACE)
            stack = result.findtext("t:Output/t:ErrorInfo/t:StackTrace", default="", namespaces=NAMESPACE)
            yield result.get("testName"), message.strip(), stack.strip().splitlines()[:STACK_LINES]


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "TestResults"
    found = list(failures(folder))
    if not found:
        print(f"No failed test recorded under {folder}.")
        return
    print(f"{len(found)} failed test(s):")
    for name, message, stack in found:
        print(f"\n--- {name}")
        print(message)
        for line in stack:
            print("    " + line.strip())


if __name__ == "__main__":
    main()
