using System.Collections;
using Parley.Codecs.MessagePack;

namespace Parley.Tests.Codecs.MessagePack;

/// <summary>
/// Whether @msgpack/msgpack can be asked to write a value as given. Its maps are plain objects (str keys only, and
/// keys that look like array indexes move first), its float options apply to a whole value (so whole-number floats
/// cannot sit beside integers within 32 bits, which it writes as numbers), and its timestamps carry seconds as binary64.
/// </summary>
internal static class JavaScriptEncodability
{
    public static bool CanEncode(object? value)
    {
        var found = new HashSet<string>();
        return Walk(value, found) && !(found.Contains("float") && found.Contains("float32")) &&
            !(found.Contains("integral float") && found.Contains("small int"));
    }

    private static bool Walk(object? value, HashSet<string> found)
    {
        switch (value)
        {
            case double or float:
                found.Add(value is double ? "float" : "float32");
                if (double.IsInteger(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)))
                {
                    found.Add("integral float");
                }

                return true;
            case sbyte or byte or short or ushort or int or uint or long:
                if (Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) is >= int.MinValue and <= uint.MaxValue)
                {
                    found.Add("small int");
                }

                return true;
            case MessagePackTimestamp timestamp:
                return Math.Abs(timestamp.Seconds) < (1L << 53);
            case IDictionary map:
                var entries = map.GetEnumerator();
                var representable = true;
                while (entries.MoveNext())
                {
                    representable &= entries.Key is string key && !uint.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out _);
                    representable &= Walk(entries.Value, found);
                }

                return representable;
            case string or byte[]:
                return true;
            case IEnumerable items:
                var all = true;
                foreach (var item in items)
                {
                    all &= Walk(item, found);
                }

                return all;
            default:
                return true;
        }
    }
}
