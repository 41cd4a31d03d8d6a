using System.Net;
using System.Runtime.Loader;
using Parley.Client;
using Parley.Contracts;
using Parley.Server;
using Parley.Tests.TestSupport;

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
        var descriptor = Describe(contract);
        Assert.Equal("inventory", descriptor.Name);
        Assert.Equal("Count", Assert.Single(descriptor.Methods).Name);
    }

    [Fact]
    public void Descriptor_StreamingContract_DescribesKindArgumentsAndStreamItems()
    {
        // Arrange
        var contract = LoadContract("""
            namespace Shared.Streams;

            public sealed record Reading(string Sensor, double Value);

            [RpcService]
            public interface ITelemetry
            {
                IAsyncEnumerable<Reading> WatchAsync(string sensor, CancellationToken cancellationToken = default);
                Task<int> UploadAsync(string batch, IAsyncEnumerable<Reading> readings, CancellationToken cancellationToken = default);
                ValueTask ArchiveAsync(IAsyncEnumerable<Reading> readings);
                IAsyncEnumerable<double> AverageAsync(IAsyncEnumerable<Reading> readings, int window);
                Task<int> CountAsync(string sensor);
            }
            """, "Shared.Streams.ITelemetry");
        var reading = contract.Assembly.GetType("Shared.Streams.Reading", throwOnError: true)!;

        // Act
        var methods = Describe(contract).Methods.ToDictionary(m => m.Name);

        // Assert
        AssertMethod(methods["Watch"], RpcMethodKind.ServerStreaming, [typeof(string)], reading, null);
        AssertMethod(methods["Upload"], RpcMethodKind.ClientStreaming, [typeof(string)], typeof(int), reading);
        AssertMethod(methods["Archive"], RpcMethodKind.ClientStreaming, [], null, reading);
        AssertMethod(methods["Average"], RpcMethodKind.BidirectionalStreaming, [typeof(int)], typeof(double), reading);
        AssertMethod(methods["Count"], RpcMethodKind.Unary, [typeof(string)], typeof(int), null);
    }

    [Fact]
    public async Task Invoker_ServerStreamingMethod_ReturnsTheImplementationsStream()
    {
        // Arrange
        var contract = LoadContract("""
            namespace Shared.Streams;

            [RpcService]
            public interface ICounter
            {
                IAsyncEnumerable<int> CountAsync(int from, int upTo);
            }

            public sealed class Counter : ICounter
            {
                public IAsyncEnumerable<int>? Returned { get; private set; }

                public IAsyncEnumerable<int> CountAsync(int from, int upTo) => Returned = RangeAsync(from, upTo);

                private static async IAsyncEnumerable<int> RangeAsync(int from, int upTo)
                {
                    for (var i = from; i <= upTo; i++)
                    {
                        await Task.Yield();
                        yield return i;
                    }
                }
            }
            """, "Shared.Streams.ICounter");
        var implementation = Activator.CreateInstance(contract.Assembly.GetType("Shared.Streams.Counter", throwOnError: true)!)!;
        var method = Assert.Single(Dispatch(contract, implementation).Methods);

        // Act: a server-streaming method without a CancellationToken never touches the call's context, which only the
        // server can create.
        var result = await method.Invoker([2, 5], null!).DefaultTimeout();

        // Assert
        Assert.Equal(RpcMethodKind.ServerStreaming, method.Descriptor.Kind);
        Assert.Same(implementation.GetType().GetProperty("Returned")!.GetValue(implementation), result);
        var items = await Assert.IsAssignableFrom<IAsyncEnumerable<int>>(result).ToListAsync().DefaultTimeout();
        Assert.Equal([2, 3, 4, 5], items);
    }

    public static RpcServiceDescriptor DescriptorOf<TContract>()
        where TContract : class =>
        RpcContracts.TryGet<TContract>(out var generated) ? generated!.Descriptor : throw new InvalidOperationException("not registered");

    public static RpcServiceDefinition DispatcherOf<TContract>(object implementation)
        where TContract : class =>
        RpcContracts.TryGet<TContract>(out var generated)
            ? generated!.CreateDispatcher((TContract)implementation)
            : throw new InvalidOperationException("not registered");

    private static RpcServiceDescriptor Describe(Type contract) =>
        (RpcServiceDescriptor)typeof(LoadedAssemblyTests).GetMethod(nameof(DescriptorOf))!.MakeGenericMethod(contract).Invoke(null, null)!;

    private static RpcServiceDefinition Dispatch(Type contract, object implementation) =>
        (RpcServiceDefinition)typeof(LoadedAssemblyTests).GetMethod(nameof(DispatcherOf))!.MakeGenericMethod(contract)
            .Invoke(null, [implementation])!;

    private static void AssertMethod(
        RpcMethodDescriptor method, RpcMethodKind kind, Type[] argumentTypes, Type? resultType, Type? requestStreamType)
    {
        Assert.Equal(kind, method.Kind);
        Assert.Equal(argumentTypes, method.ArgumentTypes);
        Assert.Equal(resultType, method.ResultType);
        Assert.Equal(requestStreamType, method.RequestStreamType);
    }

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
