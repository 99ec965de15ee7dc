// How it works is a file, the same for everyone, so it cannot know which
// process will answer or whether this server has the failing view. Its script
// asks the server (/api/server/) and fills both in.
"use strict";

async function askServer() {
  const response = await fetch("/api/server/", { cache: "no-store" });
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText}`);
  }
  return response.json();
}

function describe(server) {
  const instance = server.instance ? `, the instance named ${server.instance}` : "";
  return (
    `Asked just now, the server answered from process ${server.pid} (thread ${server.thread})` +
    ` on the host ${server.host}${instance}, a worker whose parent process is ${server.parent_pid}.`
  );
}

async function showProcess(live) {
  const said = live.querySelector(".live-process-said");
  const again = live.querySelector(".live-process-again");
  again.disabled = true;
  try {
    const server = await askServer();
    said.textContent = describe(server);
    return server;
  } catch (error) {
    said.textContent = `The server could not be asked which process it is: ${error.message}.`;
    return null;
  } finally {
    again.disabled = false;
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  const live = document.querySelector(".live-process");
  if (!live) {
    return;
  }
  live.hidden = false;
  live.querySelector(".live-process-again").addEventListener("click", () => showProcess(live));
  const server = await showProcess(live);
  const failDemo = document.querySelector(".fail-demo");
  if (server && server.fail_on_purpose && failDemo) {
    failDemo.querySelector("form").action = server.fail_on_purpose;
    failDemo.hidden = false;
  }
});
