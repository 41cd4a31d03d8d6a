using System.Globalization;
using System.Net;
using System.Text;

namespace Parley.LoadTest.Reporting;

/// <summary>Small self-contained SVG charts for the report: lines over categories, and grouped bars.</summary>
internal static class SvgChart
{
    private const int Width = 760;
    private const int Height = 400;
    private const int Left = 80;
    private const int Right = 190;
    private const int Top = 44;
    private const int Bottom = 56;

    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"];

    /// <summary>One named series: a value (or none) per category.</summary>
    public sealed record Series(string Name, IReadOnlyList<double?> Values);

    /// <summary>A line per series over evenly spaced categories (such as 1, 4, 16, 64, 256 callers).</summary>
    public static string Lines(string title, string xTitle, string yTitle, IReadOnlyList<string> categories, IReadOnlyList<Series> series)
    {
        var (ticks, top) = LinearTicks(MaxOf(series));
        double Y(double value) => Linear(value, top);
        var svg = Begin(title, xTitle, yTitle, ticks, Y);
        var plotWidth = Width - Left - Right;
        double X(int i) => Left + (categories.Count == 1 ? plotWidth / 2.0 : i * plotWidth / (double)(categories.Count - 1));

        for (var i = 0; i < categories.Count; i++)
        {
            svg.AppendLine(Text(X(i), Height - Bottom + 18, categories[i], "middle"));
        }

        for (var s = 0; s < series.Count; s++)
        {
            var color = Colors[s % Colors.Length];
            var points = new List<string>();
            for (var i = 0; i < categories.Count; i++)
            {
                if (series[s].Values[i] is { } value)
                {
                    var y = Y(value);
                    points.Add(F($"{X(i):0.#},{y:0.#}"));
                    svg.AppendLine(F($"  <circle cx=\"{X(i):0.#}\" cy=\"{y:0.#}\" r=\"3.5\" fill=\"{color}\"/>"));
                }
            }

            if (points.Count > 1)
            {
                svg.AppendLine($"  <polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"/>");
            }
        }

        return End(svg, series);
    }

    /// <summary>
    /// For each group (such as a percentile), a bar per series side by side, on a logarithmic axis: tail latencies are
    /// often a hundred times the median, and a linear axis would flatten the medians into the floor.
    /// </summary>
    public static string Bars(string title, string xTitle, string yTitle, IReadOnlyList<string> groups, IReadOnlyList<Series> series)
    {
        var (ticks, bottom, top) = LogTicks(MinOf(series), MaxOf(series));
        double Y(double value) => Height - Bottom - ((Math.Log10(Math.Max(value, bottom)) - Math.Log10(bottom)) / (Math.Log10(top) - Math.Log10(bottom)) * (Height - Top - Bottom));
        var svg = Begin(title, xTitle, yTitle, ticks, Y);
        var groupWidth = (Width - Left - Right) / (double)groups.Count;
        var barWidth = groupWidth * 0.8 / Math.Max(1, series.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            var groupLeft = Left + (g * groupWidth) + (groupWidth * 0.1);
            svg.AppendLine(Text(Left + ((g + 0.5) * groupWidth), Height - Bottom + 18, groups[g], "middle"));
            for (var s = 0; s < series.Count; s++)
            {
                if (series[s].Values[g] is not { } value)
                {
                    continue;
                }

                var y = Y(value);
                var x = groupLeft + (s * barWidth);
                svg.AppendLine(F($"  <rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{barWidth - 1:0.#}\" height=\"{Height - Bottom - y:0.#}\" fill=\"{Colors[s % Colors.Length]}\"><title>{Escape(series[s].Name)}: {value:0.#}</title></rect>"));
                svg.AppendLine(F($"  <text x=\"{x + (barWidth / 2):0.#}\" y=\"{y - 4:0.#}\" text-anchor=\"middle\" font-size=\"10\">{Axis(value)}</text>"));
            }
        }

        return End(svg, series);
    }

    private static StringBuilder Begin(string title, string xTitle, string yTitle, IReadOnlyList<double> ticks, Func<double, double> toY)
    {
        var svg = new StringBuilder();
        svg.AppendLine(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">"));
        svg.AppendLine(F($"  <rect width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>"));
        svg.AppendLine(F($"  <text x=\"{Width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{Escape(title)}</text>"));
        foreach (var value in ticks)
        {
            var y = toY(value);
            svg.AppendLine(F($"  <line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#e0e0e0\"/>"));
            svg.AppendLine(Text(Left - 8, y + 4, Axis(value), "end"));
        }

        svg.AppendLine(F($"  <line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>"));
        svg.AppendLine(F($"  <line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>"));
        svg.AppendLine(Text(Left + ((Width - Left - Right) / 2.0), Height - 14, xTitle, "middle"));
        svg.AppendLine(F($"  <text x=\"18\" y=\"{(Top + Height - Bottom) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {(Top + Height - Bottom) / 2})\">{Escape(yTitle)}</text>"));
        return svg;
    }

    private static string End(StringBuilder svg, IReadOnlyList<Series> series)
    {
        for (var s = 0; s < series.Count; s++)
        {
            var y = Top + 10 + (s * 22);
            svg.AppendLine(F($"  <rect x=\"{Width - Right + 20}\" y=\"{y - 10}\" width=\"14\" height=\"14\" fill=\"{Colors[s % Colors.Length]}\"/>"));
            svg.AppendLine(Text(Width - Right + 40, y + 1, series[s].Name, "start"));
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static double MaxOf(IReadOnlyList<Series> series)
    {
        var max = 0.0;
        foreach (var s in series)
        {
            foreach (var value in s.Values)
            {
                if (value is { } v && v > max)
                {
                    max = v;
                }
            }
        }

        return max;
    }

    private static double MinOf(IReadOnlyList<Series> series)
    {
        var min = double.MaxValue;
        foreach (var s in series)
        {
            foreach (var value in s.Values)
            {
                if (value is { } v && v > 0 && v < min)
                {
                    min = v;
                }
            }
        }

        return min == double.MaxValue ? 1 : min;
    }

    // A step of 1, 2 or 5 times a power of ten giving four to eight grid lines, and the top of the axis.
    private static (List<double> Ticks, double Top) LinearTicks(double max)
    {
        if (max <= 0)
        {
            max = 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max / 5)));
        var step = magnitude;
        foreach (var factor in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            step = magnitude * factor;
            if (max / step <= 8)
            {
                break;
            }
        }

        var top = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (var i = 0; i * step <= top + (step / 2); i++)
        {
            ticks.Add(i * step);
        }

        return (ticks, top);
    }

    // Grid lines at 1, 2 and 5 times each power of ten between the decades around the smallest and largest values.
    private static (List<double> Ticks, double Bottom, double Top) LogTicks(double min, double max)
    {
        var bottom = Math.Pow(10, Math.Floor(Math.Log10(min)));
        var top = Math.Pow(10, Math.Ceiling(Math.Log10(Math.Max(max, min * 10))));
        var ticks = new List<double>();
        for (var decade = bottom; decade < top * 1.01; decade *= 10)
        {
            foreach (var factor in new[] { 1.0, 2.0, 5.0 })
            {
                if (decade * factor <= top * 1.01)
                {
                    ticks.Add(decade * factor);
                }
            }
        }

        return (ticks, bottom, top);
    }

    private static double Linear(double value, double top) => Height - Bottom - (value / top * (Height - Top - Bottom));

    private static string Axis(double value) => value switch
    {
        >= 1_000_000 => F($"{value / 1_000_000:0.##}M"),
        >= 1_000 => F($"{value / 1_000:0.##}k"),
        >= 100 => F($"{value:0}"),
        _ => F($"{value:0.#}"),
    };

    private static string Text(double x, double y, string text, string anchor) =>
        F($"  <text x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\">{Escape(text)}</text>");

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
