namespace Parley.Connections;

/// <summary>
/// The credit the peer has granted this side for sending stream messages, on one stream or on the whole connection.
/// A sender takes the cost of each frame before queuing it and waits, in arrival order, when there is not enough;
/// CREDIT frames from the peer add to it. Thread-safe.
/// </summary>
internal sealed class SendWindow
{
    /// <summary>The most credit a window may hold; a peer granting more breaks the protocol.</summary>
    public const long MaxCredit = int.MaxValue;

    private readonly Queue<Waiter> _waiters = new();
    private long _available;
    private Exception? _closed;

    public SendWindow(long initial) => _available = initial;

    /// <summary>The credit not yet taken.</summary>
    public long Available
    {
        get
        {
            lock (_waiters)
            {
                return _available;
            }
        }
    }

    /// <summary>Takes <paramref name="cost"/> now if there is enough and nobody is waiting ahead.</summary>
    public bool TryTake(int cost)
    {
        lock (_waiters)
        {
            DropAbandonedWaiters();
            if (_closed is null && _waiters.Count == 0 && _available >= cost)
            {
                _available -= cost;
                return true;
            }

            return false;
        }
    }

    /// <summary>Takes <paramref name="cost"/>, waiting for credit; throws once the window is closed or the token fires.</summary>
    public ValueTask TakeAsync(int cost, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_waiters)
        {
            if (_closed is not null)
            {
                return ValueTask.FromException(_closed);
            }

            DropAbandonedWaiters();
            if (_waiters.Count == 0 && _available >= cost)
            {
                _available -= cost;
                return ValueTask.CompletedTask;
            }

            waiter = new Waiter(cost);
            _waiters.Enqueue(waiter);
        }

        return waiter.WaitAsync(this, cancellationToken);
    }

    /// <summary>Adds credit and wakes the waiters it covers. False when the total would pass <see cref="MaxCredit"/>.</summary>
    public bool Add(long credit)
    {
        List<Waiter>? woken = null;
        lock (_waiters)
        {
            if (_available + credit > MaxCredit)
            {
                return false;
            }

            _available += credit;
            while (_waiters.TryPeek(out var next) && (next.IsAbandoned || _available >= next.Cost))
            {
                _waiters.Dequeue();
                if (!next.IsAbandoned)
                {
                    _available -= next.Cost;
                    (woken ??= []).Add(next);
                }
            }
        }

        if (woken is not null)
        {
            foreach (var waiter in woken)
            {
                if (!waiter.TryGrant())
                {
                    Add(waiter.Cost); // cancelled at the same moment: its credit goes back
                }
            }
        }

        return true;
    }

    /// <summary>Fails every waiter, and every later take, with <paramref name="reason"/>.</summary>
    public void Close(Exception reason)
    {
        List<Waiter> waiting;
        lock (_waiters)
        {
            _closed ??= reason;
            waiting = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in waiting)
        {
            waiter.TryFail(reason);
        }
    }

    // Waiters whose token fired stay queued until they reach the head; none may keep a live taker waiting.
    private void DropAbandonedWaiters()
    {
        while (_waiters.TryPeek(out var head) && head.IsAbandoned)
        {
            _waiters.Dequeue();
        }
    }

    private sealed class Waiter(int cost)
    {
        private readonly TaskCompletionSource _granted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private CancellationTokenRegistration _registration;
        private SendWindow? _window;

        public int Cost { get; } = cost;

        public bool IsAbandoned => _granted.Task.IsCompleted;

        public async ValueTask WaitAsync(SendWindow window, CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
            {
                _window = window;
                _registration = cancellationToken.UnsafeRegister(static (state, token) =>
                {
                    var waiter = (Waiter)state!;
                    if (waiter._granted.TrySetCanceled(token))
                    {
                        waiter._window!.Add(0); // the waiters behind this one may fit the credit it was waiting for
                    }
                }, this);
            }

            try
            {
                await _granted.Task.ConfigureAwait(false);
            }
            finally
            {
                await _registration.DisposeAsync().ConfigureAwait(false);
            }
        }

        public bool TryGrant() => _granted.TrySetResult();

        public void TryFail(Exception reason) => _granted.TrySetException(reason);
    }
}
