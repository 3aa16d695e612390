// One SignalR connection per page, shared by every script that wants live pushes:
//   fangkongLive.on('warning', handler)
// Live updates are a convenience; without them (hub unreachable) the page still works.
window.fangkongLive = (function () {
  if (!window.signalR) return { on: () => {} };
  const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/live').withAutomaticReconnect().build();
  let started = false;
  return {
    on(event, handler) {
      connection.on(event, handler);
      if (!started) {
        started = true;
        // Start after the current script so every handler is registered first.
        setTimeout(() => connection.start().catch(() => {}), 0);
      }
    },
  };
})();
