#!/usr/bin/python3
"""Reference MessagePack peer for Parley's interop tests, on Debian's python3-msgpack.

Reads one JSON request from stdin and writes one JSON answer to stdout:
  {"op": "decode", "items": ["<hex>", ...]}   -> {"items": [<tagged value> | {"error": "..."}, ...]}
  {"op": "encode", "items": [<tagged value>, ...]} -> {"items": ["<hex>" | {"error": "..."}, ...]}

A tagged value is {"t": "nil"}, {"t": "bool", "v": true}, {"t": "int", "v": "<decimal>"},
{"t": "float", "v": "<16 hex digits of the IEEE 754 binary64 bits>"}, {"t": "float32", "v": "<8 hex digits>"}
(encode only), {"t": "str", "v": "..."}, {"t": "bin", "v": "<hex>"}, {"t": "array", "v": [...]},
{"t": "map", "v": [[key, value], ...]}, {"t": "ext", "type": 5, "v": "<hex>"} or
{"t": "timestamp", "sec": "<decimal>", "nsec": 0}.
"""
import json
import struct
import sys

try:
    import msgpack
except ImportError:
    sys.stderr.write("python3-msgpack is not installed for /usr/bin/python3: run scripts/bootstrap.sh\n")
    sys.exit(3)


def describe(value):
    if value is None:
        return {"t": "nil"}
    if isinstance(value, bool):
        return {"t": "bool", "v": value}
    if isinstance(value, int):
        return {"t": "int", "v": str(value)}
    if isinstance(value, float):
        return {"t": "float", "v": struct.pack(">d", value).hex()}
    if isinstance(value, str):
        return {"t": "str", "v": value}
    if isinstance(value, bytes):
        return {"t": "bin", "v": value.hex()}
    if isinstance(value, list):
        return {"t": "array", "v": [describe(item) for item in value]}
    if isinstance(value, dict):
        return {"t": "map", "v": [[describe(k), describe(v)] for k, v in value.items()]}
    if isinstance(value, msgpack.Timestamp):
        return {"t": "timestamp", "sec": str(value.seconds), "nsec": value.nanoseconds}
    if isinstance(value, msgpack.ExtType):
        return {"t": "ext", "type": value.code, "v": value.data.hex()}
    raise TypeError("cannot describe %r" % type(value))


def build(tagged):
    kind = tagged["t"]
    if kind == "nil":
        return None
    if kind == "bool":
        return tagged["v"]
    if kind == "int":
        return int(tagged["v"])
    if kind == "float":
        return struct.unpack(">d", bytes.fromhex(tagged["v"]))[0]
    if kind == "float32":
        return struct.unpack(">f", bytes.fromhex(tagged["v"]))[0]
    if kind == "str":
        return tagged["v"]
    if kind == "bin":
        return bytes.fromhex(tagged["v"])
    if kind == "array":
        return [build(item) for item in tagged["v"]]
    if kind == "map":
        return {build(k): build(v) for k, v in tagged["v"]}
    if kind == "ext":
        return msgpack.ExtType(tagged["type"], bytes.fromhex(tagged["v"]))
    if kind == "timestamp":
        return msgpack.Timestamp(int(tagged["sec"]), tagged["nsec"])
    raise ValueError("unknown tag %r" % kind)


def uses_float32(tagged):
    if tagged["t"] == "float32":
        return True
    if tagged["t"] == "array":
        return any(uses_float32(item) for item in tagged["v"])
    if tagged["t"] == "map":
        return any(uses_float32(k) or uses_float32(v) for k, v in tagged["v"])
    return False


def decode(hex_text):
    value = msgpack.unpackb(bytes.fromhex(hex_text), raw=False, strict_map_key=False)
    return describe(value)


def encode(tagged):
    # The packer writes every float of a value in one width, so a value holds float32 or float64, not both.
    packed = msgpack.packb(build(tagged), use_bin_type=True, use_single_float=uses_float32(tagged))
    return packed.hex()


def main():
    request = json.load(sys.stdin)
    operation = decode if request["op"] == "decode" else encode
    answers = []
    for item in request["items"]:
        try:
            answers.append(operation(item))
        except Exception as error:  # reported per item, so one bad item does not hide the others
            answers.append({"error": "%s: %s" % (type(error).__name__, error)})
    sys.stdout.write(json.dumps({"items": answers}))  # one write: json.dump would make thousands


main()
