// The issue page's send progress, brought up to date every few seconds while messages are waiting. Without
// script the page says the same after a reload.
(() => {
    const status = document.getElementById('send-progress');
    if (!status || status.dataset.waiting === '0') {
        return;
    }
    const hint = document.getElementById('send-progress-hint');
    if (hint) {
        hint.textContent = 'The counts update by themselves while the newsletter sends.';
    }
    const poll = async () => {
        try {
            const response = await fetch(status.dataset.progress, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
            if (response.ok) {
                const p = await response.json();
                const strong = document.createElement('strong');
                strong.textContent = `${p.sent} sent`;
                status.replaceChildren(`Queued for ${p.queued} subscribers: `, strong, `, ${p.waiting} waiting, ${p.failed} failed.`);
                if (p.done) {
                    if (hint) {
                        hint.textContent = 'Sending has finished.';
                    }
                    return;
                }
            }
        } catch {
            // A dropped connection: try again at the next tick.
        }
        setTimeout(poll, 3000);
    };
    setTimeout(poll, 3000);
})();
