namespace DataSharing.Bench.Orleans;

/// <summary>A grain that does nothing: what a call costs by itself.</summary>
public interface INoopGrain : IGrainWithIntegerKey
{
    Task Ping();
}

public sealed class NoopGrain : Grain, INoopGrain
{
    public Task Ping() => Task.CompletedTask;
}

/// <summary>A grain with persistent state (in-memory storage): what an activation that reads its state costs.</summary>
public interface IStatefulNoopGrain : IGrainWithIntegerKey
{
    Task<int> Ping();
}

[GenerateSerializer]
public sealed class Counter
{
    [Id(0)] public int Value { get; set; }
}

public sealed class StatefulNoopGrain([PersistentState("counter", "Default")] IPersistentState<Counter> state) : Grain, IStatefulNoopGrain
{
    public Task<int> Ping() => Task.FromResult(state.State.Value);
}
