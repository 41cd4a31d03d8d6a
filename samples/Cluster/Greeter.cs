namespace ClusterSample;

/// <summary>One instance's greeter.</summary>
public sealed class Greeter(string instance) : IGreeter
{
    public async Task<Greeting> GreetAsync(string name)
    {
        await Task.Delay(1); // a little work, so that calls overlap as they do in a real service
        return new Greeting(instance, $"hello {name}");
    }
}
