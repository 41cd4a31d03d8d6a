using Parley.Contracts;
using Parley.Server;

namespace Parley.Tests.Server;

public sealed class ServiceRegistryTests
{
    [Fact]
    public void Add_Interface_NamesServiceWithoutLeadingI()
    {
        var registry = new ServiceRegistry();

        registry.Add(ReflectionServiceBinder.Bind(typeof(IGreeter), new Greeter(), null));

        Assert.True(registry.TryFind("Greeter", "Greet", out var method, out _));
        Assert.Equal([typeof(string)], method!.ArgumentTypes);
        Assert.Equal(typeof(string), method.ResultType);
    }

    [Fact]
    public void Add_AttributeNames_OverrideDefaults()
    {
        var registry = new ServiceRegistry();

        registry.Add(ReflectionServiceBinder.Bind(typeof(INamed), new Named(), null));

        Assert.True(registry.TryFind("custom.Service", "do-it", out var method, out _));
        Assert.Null(method!.ResultType);
    }

    [Fact]
    public void Add_ExplicitName_WinsOverAttribute()
    {
        var registry = new ServiceRegistry();

        registry.Add(ReflectionServiceBinder.Bind(typeof(INamed), new Named(), "Other"));

        Assert.True(registry.TryFind("Other", "do-it", out _, out _));
        Assert.False(registry.TryFind("custom.Service", "do-it", out _, out var error));
        Assert.Equal("service 'custom.Service' is not registered on this server", error);
    }

    [Fact]
    public void Add_Class_ExposesPublicMethodsButNotObjectOrDispose()
    {
        var registry = new ServiceRegistry();

        registry.Add(ReflectionServiceBinder.Bind(typeof(PlainService), new PlainService(), null));

        Assert.True(registry.TryFind("PlainService", "Ping", out _, out _));
        Assert.False(registry.TryFind("PlainService", "Dispose", out _, out _));
        Assert.False(registry.TryFind("PlainService", "ToString", out _, out _));
    }

    [Fact]
    public void Add_InjectedParameters_AreNotArguments()
    {
        var registry = new ServiceRegistry();

        registry.Add(ReflectionServiceBinder.Bind(typeof(IGreeter), new Greeter(), null));

        Assert.True(registry.TryFind("Greeter", "GreetWithContext", out var method, out _));
        Assert.Equal([typeof(int)], method!.ArgumentTypes);
    }

    [Fact]
    public void Add_Overloads_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceRegistry().Add(ReflectionServiceBinder.Bind(typeof(IOverloaded), new Overloaded(), null)));

        Assert.Contains("two methods named 'Sum'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_GenericMethod_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceRegistry().Add(ReflectionServiceBinder.Bind(typeof(IGeneric), new Generic(), null)));

        Assert.Contains("generic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_RefParameter_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceRegistry().Add(ReflectionServiceBinder.Bind(typeof(IByRef), new ByRef(), null)));

        Assert.Contains("by-reference", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_StreamingMethods_DescribesEachKind()
    {
        var definition = ReflectionServiceBinder.Bind(typeof(IStreaming), new Streaming(), null);
        var methods = definition.Methods.ToDictionary(m => m.Descriptor.Name, m => m.Descriptor);

        Assert.Equal(RpcMethodKind.ServerStreaming, methods["Numbers"].Kind);
        Assert.Equal(typeof(int), methods["Numbers"].ResultType);
        Assert.Null(methods["Numbers"].RequestStreamType);
        Assert.Equal(RpcMethodKind.ClientStreaming, methods["Total"].Kind);
        Assert.Equal([typeof(string)], methods["Total"].ArgumentTypes);
        Assert.Equal(typeof(int), methods["Total"].RequestStreamType);
        Assert.Equal(typeof(long), methods["Total"].ResultType);
        Assert.Equal(RpcMethodKind.BidirectionalStreaming, methods["Chat"].Kind);
        Assert.Empty(methods["Chat"].ArgumentTypes);
        Assert.Equal(typeof(string), methods["Chat"].RequestStreamType);
        Assert.Equal(typeof(double), methods["Chat"].ResultType);
    }

    [Fact]
    public void Bind_TwoRequestStreams_ThrowsNamingTheMethod()
    {
        var error = Assert.Throws<ArgumentException>(() => ReflectionServiceBinder.Bind(typeof(ITwoStreams), new TwoStreams(), null));

        Assert.Contains("TwoStreams.Merge", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most one request stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_TaskOfStream_ThrowsWithAdvice()
    {
        var error = Assert.Throws<ArgumentException>(() => ReflectionServiceBinder.Bind(typeof(ITaskOfStream), new TaskOfStream(), null));

        Assert.Contains("return IAsyncEnumerable<T> itself", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_SameNameTwice_Throws()
    {
        var registry = new ServiceRegistry();
        registry.Add(ReflectionServiceBinder.Bind(typeof(IGreeter), new Greeter(), null));

        var error = Assert.Throws<ArgumentException>(() => registry.Add(ReflectionServiceBinder.Bind(typeof(IGreeter), new Greeter(), null)));

        Assert.Contains("already registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_ImplementationOfOtherType_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ServiceRegistry().Add(ReflectionServiceBinder.Bind(typeof(IGreeter), new PlainService(), null)));
    }

    [Fact]
    public void Build_NoListener_ThrowsWithAdvice()
    {
        var builder = new RpcServerBuilder().AddService<IGreeter>(new Greeter());

        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("ListenTcp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_InvalidOption_ThrowsNamingIt()
    {
        var builder = new RpcServerBuilder()
            .AddService<IGreeter>(new Greeter())
            .ListenTcp(System.Net.IPAddress.Loopback, 0)
            .Configure(o => o.MaxConcurrentCallsPerConnection = 0);

        var error = Assert.Throws<ArgumentOutOfRangeException>(builder.Build);

        Assert.Contains("MaxConcurrentCallsPerConnection", error.Message, StringComparison.Ordinal);
    }

    public interface IGreeter
    {
        Task<string> GreetAsync(string name);

        string GreetWithContext(int times, ServerCallContext context, CancellationToken cancellationToken);
    }

    private sealed class Greeter : IGreeter
    {
        public Task<string> GreetAsync(string name) => Task.FromResult("hi " + name);

        public string GreetWithContext(int times, ServerCallContext context, CancellationToken cancellationToken) => context.Method;
    }

    [RpcService("custom.Service")]
    public interface INamed
    {
        [RpcMethod("do-it")]
        Task DoAsync();
    }

    private sealed class Named : INamed
    {
        public Task DoAsync() => Task.CompletedTask;
    }

    private sealed class PlainService : IDisposable
    {
        private int _pings;

        public int Ping() => ++_pings;

        public void Dispose()
        {
        }
    }

    public interface IOverloaded
    {
        int Sum(int a, int b);

        Task<int> SumAsync(int a, int b, int c);
    }

    private sealed class Overloaded : IOverloaded
    {
        public int Sum(int a, int b) => a + b;

        public Task<int> SumAsync(int a, int b, int c) => Task.FromResult(a + b + c);
    }

    public interface IGeneric
    {
        T Echo<T>(T value);
    }

    private sealed class Generic : IGeneric
    {
        public T Echo<T>(T value) => value;
    }

    public interface IByRef
    {
        void Swap(ref int a, ref int b);
    }

    private sealed class ByRef : IByRef
    {
        public void Swap(ref int a, ref int b) => (a, b) = (b, a);
    }

    public interface IStreaming
    {
        IAsyncEnumerable<int> Numbers();

        Task<long> Total(string label, IAsyncEnumerable<int> items);

        IAsyncEnumerable<double> Chat(IAsyncEnumerable<string> lines, CancellationToken cancellationToken);
    }

    public interface ITwoStreams
    {
        Task Merge(IAsyncEnumerable<int> first, IAsyncEnumerable<int> second);
    }

    public interface ITaskOfStream
    {
        Task<IAsyncEnumerable<int>> Numbers();
    }

    private sealed class Streaming : IStreaming
    {
        public IAsyncEnumerable<int> Numbers() => AsyncEnumerable.Empty<int>();

        public Task<long> Total(string label, IAsyncEnumerable<int> items) => Task.FromResult(0L);

        public IAsyncEnumerable<double> Chat(IAsyncEnumerable<string> lines, CancellationToken cancellationToken) => AsyncEnumerable.Empty<double>();
    }

    private sealed class TwoStreams : ITwoStreams
    {
        public Task Merge(IAsyncEnumerable<int> first, IAsyncEnumerable<int> second) => Task.CompletedTask;
    }

    private sealed class TaskOfStream : ITaskOfStream
    {
        public Task<IAsyncEnumerable<int>> Numbers() => Task.FromResult(AsyncEnumerable.Empty<int>());
    }
}
