#!/usr/bin/python3
"""A foreign protobuf peer for the interop tests, on Debian's python3-protobuf.

It needs no generated code: the test hands it the .proto file's descriptor (a serialized FileDescriptorProto, as
embedded in the C# generated code) and the full name of the message type.

Reads one JSON object from stdin:
  {"mode": "decode", "descriptor": <base64>, "type": <full name>, "payload": <base64 protobuf bytes>}
      prints the message in the proto3 JSON mapping
  {"mode": "encode", "descriptor": <base64>, "type": <full name>, "json": <proto3 JSON text>}
      prints the message's protobuf bytes in base64
"""
import base64
import json
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory


def message_class(descriptor_bytes, type_name):
    file_proto = descriptor_pb2.FileDescriptorProto.FromString(descriptor_bytes)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file_proto)
    descriptor = pool.FindMessageTypeByName(type_name)
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


def main():
    request = json.load(sys.stdin)
    cls = message_class(base64.b64decode(request["descriptor"]), request["type"])
    if request["mode"] == "decode":
        message = cls()
        # ParseFromString raises DecodeError on malformed input, so a wrong encoding fails the test loudly.
        message.ParseFromString(base64.b64decode(request["payload"]))
        print(json_format.MessageToJson(message, indent=None, sort_keys=True))
    elif request["mode"] == "encode":
        message = json_format.Parse(request["json"], cls())
        print(base64.b64encode(message.SerializeToString()).decode("ascii"))
    else:
        raise SystemExit("unknown mode " + request["mode"])


if __name__ == "__main__":
    main()
