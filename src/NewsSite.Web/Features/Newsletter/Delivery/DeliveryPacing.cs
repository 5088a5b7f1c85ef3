namespace NewsSite.Web.Features.Newsletter.Delivery;

/// <summary>
/// How fast the outbox may send: how many SMTP connections are open at once (Outbox:Connections) and how many
/// newsletter messages go out a second (Newsletter:MaxPerSecond). Both are limits a mail service sets for the whole
/// site, so with several web nodes the implementation must share them between the nodes; this process's own is
/// <see cref="LocalDeliveryPacing"/>.
/// </summary>
public interface IDeliveryPacing
{
    /// <summary>Waits for a free connection slot; disposing the result frees it.</summary>
    Task<IAsyncDisposable> TakeConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Waits until one more newsletter message may go out. Transactional mail never waits here.</summary>
    Task WaitTurnAsync(CancellationToken cancellationToken);
}
