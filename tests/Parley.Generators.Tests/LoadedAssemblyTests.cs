using System.Net;
using System.Runtime.Loader;
using Parley.Client;
using Parley.Contracts;

namespace Parley.Generators.Tests;

/// <summary>
/// A contract compiled into its own assembly, loaded by a process that has run none of its code: the way a client uses
/// a shared contracts assembly. The generated module initializer must have registered the contract by the time the
/// client asks for it.
/// </summary>
public sealed class LoadedAssemblyTests
{
    [Fact]
    public void GetService_ContractAssemblyNeverRunBefore_ReturnsGeneratedProxy()
    {
        // Arrange
        var contract = LoadContract("""
            namespace Shared.Contracts;

            [RpcService("inventory")]
            public interface IInventory
            {
                Task<int> CountAsync(string item);
            }
            """, "Shared.Contracts.IInventory");
        using var client = new RpcClient(new IPEndPoint(IPAddress.Loopback, 1));

        // Act: GetService<IInventory>(), called the only way a test can name a type it loaded at run time.
        var proxy = typeof(RpcClient).GetMethod(nameof(RpcClient.GetService))!.MakeGenericMethod(contract)
            .Invoke(client, [null]);

        // Assert
        Assert.NotNull(proxy);
        Assert.True(contract.IsInstanceOfType(proxy));
        Assert.Same(contract.Assembly, proxy.GetType().Assembly);
        var descriptor = (RpcServiceDescriptor)typeof(LoadedAssemblyTests).GetMethod(nameof(DescriptorOf))!
            .MakeGenericMethod(contract).Invoke(null, null)!;
        Assert.Equal("inventory", descriptor.Name);
        Assert.Equal("Count", Assert.Single(descriptor.Methods).Name);
    }

    public static RpcServiceDescriptor DescriptorOf<TContract>()
        where TContract : class =>
        RpcContracts.TryGet<TContract>(out var generated) ? generated!.Descriptor : throw new InvalidOperationException("not registered");

    private static Type LoadContract(string source, string typeName)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + source);
        Assert.Empty(run.GeneratorDiagnostics);
        using var image = new MemoryStream();
        var emitted = run.Output.WithAssemblyName("Contracts" + Guid.NewGuid().ToString("N")).Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;
        return AssemblyLoadContext.Default.LoadFromStream(image).GetType(typeName, throwOnError: true)!;
    }
}
