using System.Diagnostics.Metrics;

namespace Parley.Tests.TestSupport;

public static class Gauges
{
    /// <summary>Reads the current value of the observable gauge <paramref name="name"/> on <paramref name="meter"/>.</summary>
    public static long Read(Meter meter, string name)
    {
        long? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => value = measurement);
        listener.Start();
        listener.RecordObservableInstruments();
        return value ?? throw new InvalidOperationException($"instrument {name} was not found on the meter");
    }
}
