// Reference MessagePack peer for Parley's interop tests, on @msgpack/msgpack (see package.json).
//
// Reads one JSON request from stdin and writes one JSON answer to stdout, in the tagged form that the Python peer
// (tests/Parley.Tests/Codecs/MessagePack/Interop/msgpack_peer.py) documents:
//   {"op": "decode", "items": ["<hex>", ...]}       -> {"items": [<tagged value> | {"error": "..."}, ...]}
//   {"op": "encode", "items": [<tagged value>, ...]} -> {"items": ["<hex>" | {"error": "..."}, ...]}
// JavaScript has one number type, so decoded numbers that are not 64-bit integers are reported as
// {"t": "number", "v": "<binary64 bits>"}; integers in int 64 / uint 64 formats decode to bigint ("t": "int").
"use strict";

let msgpack;
try {
  msgpack = require("@msgpack/msgpack");
} catch (error) {
  process.stderr.write("@msgpack/msgpack is not installed in tests/interop/msgpack-js: run scripts/bootstrap.sh\n");
  process.exit(3);
}

const { encode, decode, ExtData, ExtensionCodec, EXT_TIMESTAMP, decodeTimestampToTimeSpec, encodeTimeSpecToTimestamp } = msgpack;

class Timestamp {
  constructor(sec, nsec) {
    this.sec = sec;
    this.nsec = nsec;
  }
}

// The built-in timestamp decoder gives a Date (milliseconds); this one keeps the library's seconds and nanoseconds.
const extensionCodec = new ExtensionCodec();
extensionCodec.register({
  type: EXT_TIMESTAMP,
  encode: () => null,
  decode: (data) => {
    const spec = decodeTimestampToTimeSpec(data);
    return new Timestamp(spec.sec, spec.nsec);
  },
});

const hex = (bytes) => Buffer.from(bytes).toString("hex");
const fromHex = (text) => new Uint8Array(Buffer.from(text, "hex"));

function doubleBits(number) {
  const buffer = Buffer.alloc(8);
  buffer.writeDoubleBE(number);
  return buffer.toString("hex");
}

function describe(value) {
  if (value === null || value === undefined) return { t: "nil" };
  if (typeof value === "boolean") return { t: "bool", v: value };
  if (typeof value === "bigint") return { t: "int", v: value.toString() };
  if (typeof value === "number") return { t: "number", v: doubleBits(value) };
  if (typeof value === "string") return { t: "str", v: value };
  if (value instanceof Uint8Array) return { t: "bin", v: hex(value) };
  if (Array.isArray(value)) return { t: "array", v: value.map(describe) };
  if (value instanceof Timestamp) return { t: "timestamp", sec: String(value.sec), nsec: value.nsec };
  if (value instanceof ExtData) return { t: "ext", type: value.type, v: hex(value.data) };
  // A map: each key was turned into its tagged JSON by mapKeyConverter, which also keeps the keys in order.
  return { t: "map", v: Object.entries(value).map(([key, item]) => [JSON.parse(key), describe(item)]) };
}

function build(tagged) {
  switch (tagged.t) {
    case "nil":
      return null;
    case "bool":
      return tagged.v;
    case "int": {
      // Outside 32 bits the library writes a bigint as int 64 / uint 64, the smallest format for such values.
      const value = BigInt(tagged.v);
      return value >= -(2n ** 31n) && value < 2n ** 32n ? Number(value) : value;
    }
    case "float":
      return Buffer.from(tagged.v, "hex").readDoubleBE(0);
    case "float32":
      return Buffer.from(tagged.v, "hex").readFloatBE(0);
    case "str":
      return tagged.v;
    case "bin":
      return fromHex(tagged.v);
    case "array":
      return tagged.v.map(build);
    case "map": {
      const map = {};
      for (const [key, item] of tagged.v) {
        if (key.t !== "str") throw new Error("a plain object can only have str keys");
        map[key.v] = build(item);
      }
      return map;
    }
    case "ext":
      return new ExtData(tagged.type, fromHex(tagged.v));
    case "timestamp":
      return new ExtData(EXT_TIMESTAMP, encodeTimeSpecToTimestamp({ sec: Number(tagged.sec), nsec: tagged.nsec }));
    default:
      throw new Error("unknown tag " + tagged.t);
  }
}

function collect(tagged, found) {
  if (tagged.t === "float" || tagged.t === "float32") found.add(tagged.t);
  if (tagged.t === "int") {
    const value = BigInt(tagged.v);
    if (value >= -(2n ** 31n) && value < 2n ** 32n) found.add("smallInt");
  }
  if (tagged.t === "array") tagged.v.forEach((item) => collect(item, found));
  if (tagged.t === "map") tagged.v.forEach(([key, item]) => (collect(key, found), collect(item, found)));
  return found;
}

function encodeTagged(tagged) {
  // The encoder's float options apply to a whole value: whole-number floats need forceIntegerToFloat, which would
  // also turn small integers into floats, so a value mixing both cannot be expressed (the tests do not send one).
  const found = collect(tagged, new Set());
  const forceIntegerToFloat = (found.has("float") || found.has("float32")) && !found.has("smallInt");
  return hex(encode(build(tagged), { useBigInt64: true, forceFloat32: found.has("float32"), forceIntegerToFloat, extensionCodec }));
}

function decodeHex(text) {
  const value = decode(fromHex(text), {
    useBigInt64: true,
    extensionCodec,
    mapKeyConverter: (key) => JSON.stringify(describe(key)),
  });
  return describe(value);
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const request = JSON.parse(input);
  const operation = request.op === "decode" ? decodeHex : encodeTagged;
  const items = request.items.map((item) => {
    try {
      return operation(item);
    } catch (error) {
      return { error: String(error) };
    }
  });
  process.stdout.write(JSON.stringify({ items }));
});
