namespace Parley.Connections;

/// <summary>
/// The credit this side has granted the peer, on one stream or on the whole connection: each STREAM_MESSAGE received
/// spends it, and the bytes the consumer has finished with are granted again in batches of half the window, so that
/// CREDIT frames stay rare. When the peer is nearly out of credit, whatever has been released is granted at once:
/// otherwise bytes held by streams nobody reads could keep the batch from ever filling, and stop the streams that are
/// read too. Thread-safe.
/// </summary>
internal sealed class ReceiveWindow(int window)
{
    /// <summary>Below this much credit the peer may not fit its next frame (Parley sends at most two chunks' worth).</summary>
    private readonly long _lowWater = Math.Max(window / 4, 2 * (RpcConnection.ChunkBytes + Protocol.FrameHeader.Size));

    private readonly object _gate = new();
    private long _outstanding = window;
    private long _unreturned;

    /// <summary>The credit the peer still has, as far as this side knows.</summary>
    public long Outstanding
    {
        get
        {
            lock (_gate)
            {
                return _outstanding;
            }
        }
    }

    /// <summary>Bytes received and released, not yet granted again.</summary>
    public long Unreturned
    {
        get
        {
            lock (_gate)
            {
                return _unreturned;
            }
        }
    }

    /// <summary>Spends <paramref name="cost"/> for a frame received; false when the peer had no such credit.</summary>
    public bool TrySpend(int cost)
    {
        lock (_gate)
        {
            if (cost > _outstanding)
            {
                return false;
            }

            _outstanding -= cost;
            return true;
        }
    }

    /// <summary>Releases bytes the consumer is done with; returns the credit to grant now (0 to keep batching).</summary>
    public int Release(int bytes)
    {
        lock (_gate)
        {
            _unreturned += bytes;
            if (_unreturned < window / 2 && (_outstanding >= _lowWater || _unreturned == 0))
            {
                return 0;
            }

            var grant = (int)_unreturned;
            _unreturned = 0;
            _outstanding += grant;
            return grant;
        }
    }
}
