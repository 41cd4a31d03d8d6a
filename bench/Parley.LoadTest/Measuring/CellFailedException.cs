namespace Parley.LoadTest.Measuring;

/// <summary>A cell could not be measured (its calls kept failing); the run records why and goes on.</summary>
internal sealed class CellFailedException(string message) : Exception(message);
