// The same mark the app sets once its page has been painted.
requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('zhibu:window-shown')));
