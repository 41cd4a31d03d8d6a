using System.Reflection;

namespace Parley.Generators.Tests;

/// <summary>The generator's naming rules agree with Parley.ServiceNames, which the reflection path uses.</summary>
public sealed class WireNamesTests
{
    public static TheoryData<Type> Contracts => new()
    {
        typeof(ICalculator), typeof(IOStream), typeof(Item), typeof(I), typeof(IX), typeof(Idle), typeof(INamedExplicitly), typeof(IBlankName),
    };

    [Theory]
    [MemberData(nameof(Contracts))]
    public void ForService_AnyInterfaceName_MatchesServiceNames(Type contract)
    {
        var explicitName = contract.GetCustomAttribute<RpcServiceAttribute>()?.Name;

        var name = WireNames.ForService(contract.Name, explicitName);

        Assert.Equal(ServiceNames.ForService(contract), name);
    }

    [Fact]
    public void ForMethod_EveryMethodName_MatchesServiceNames()
    {
        foreach (var method in typeof(ICalculator).GetMethods())
        {
            var explicitName = method.GetCustomAttribute<RpcMethodAttribute>()?.Name;

            var name = WireNames.ForMethod(method.Name, explicitName);

            Assert.Equal(ServiceNames.ForMethod(method), name);
        }
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("x", false)]
    [InlineData(" ", true)]
    [InlineData("\t\n", true)]
    public void IsBlank_ExplicitName_TrueOnlyForWhitespace(string? name, bool expected)
    {
        var blank = WireNames.IsBlank(name);

        Assert.Equal(expected, blank);
    }

    public interface ICalculator
    {
        Task AddAsync();

        Task Async();

        Task Asyncx();

        Task DoAsyncAsync();

        Task Plain();

        Task GetASYNC();

        [RpcMethod("custom")]
        Task RenamedAsync();

        [RpcMethod("")]
        Task EmptyNameAsync();
    }

    public interface IOStream;

    // Interface names that do not start with I and an upper-case letter keep their whole name.
#pragma warning disable CA1715

    public interface Item;

    public interface I;

    public interface IX;

    public interface Idle;
#pragma warning restore CA1715

    [RpcService("explicit")]
    public interface INamedExplicitly;

    [RpcService("")]
    public interface IBlankName;
}
