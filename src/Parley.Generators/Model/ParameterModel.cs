namespace Parley.Generators.Model;

/// <summary>One parameter of a contract method.</summary>
/// <param name="Name">The C# name, escaped when it is a keyword (<c>@class</c>).</param>
/// <param name="Type">The fully qualified type with its nullable annotation, for signatures and casts.</param>
/// <param name="TypeOf">The fully qualified type as <c>typeof</c> accepts it.</param>
/// <param name="Role">An argument on the wire, the call's token, or the request stream.</param>
internal sealed record ParameterModel(string Name, string Type, string TypeOf, ParameterRole Role)
{
    public bool IsArgument => Role == ParameterRole.Argument;
}
