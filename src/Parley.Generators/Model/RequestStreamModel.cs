namespace Parley.Generators.Model;

/// <summary>The <c>IAsyncEnumerable&lt;T&gt;</c> parameter of a client-streaming or bidirectional method.</summary>
/// <param name="Name">The parameter's C# name, escaped when it is a keyword.</param>
/// <param name="ItemType">The item type <c>T</c> with its nullable annotation, for type arguments.</param>
/// <param name="ItemTypeOf">The item type as <c>typeof</c> accepts it.</param>
internal sealed record RequestStreamModel(string Name, string ItemType, string ItemTypeOf);
