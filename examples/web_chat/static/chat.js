// The browser side of the chat widget. It never sees an API key: it talks to its own origin only,
// with a cookie that names the visitor's conversation.
//
// Everything on screen comes from one EventSource on /api/events, so a reload shows the whole
// conversation again and a reconnect carries on where it stopped: EventSource sends the id of the
// last event it received as Last-Event-ID, and the server replays only what came after it.
"use strict";

const log = document.getElementById("log");
const statusLine = document.getElementById("status");
const form = document.getElementById("composer");
const input = document.getElementById("text");
const send = document.getElementById("send");
let ended = false; // the conversation is over: nothing more can be sent

function setStatus(text) {
  statusLine.textContent = text;
}

function post(path, body) {
  const init = { method: "POST", credentials: "same-origin" };
  if (body !== undefined) {
    init.headers = { "Content-Type": "application/json" };
    init.body = JSON.stringify(body);
  }
  return fetch(path, init);
}

// One list item per event, tagged with its seq. Text goes in with textContent, never as HTML.
function item(seq, className, text) {
  const li = document.createElement("li");
  li.className = className;
  li.dataset.seq = seq;
  if (text !== undefined) li.textContent = text;
  log.append(li);
  return li;
}

function child(parent, tag, text) {
  const el = document.createElement(tag);
  el.textContent = text;
  parent.append(el);
  return el;
}

function describe(value) {
  if (value && typeof value.command === "string") return value.command;
  return JSON.stringify(value ?? {});
}

function textOf(content) {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((b) => (typeof b === "string" ? b : b.text ?? "")).join("\n");
  return JSON.stringify(content ?? "");
}

function render(seq, event) {
  switch (event.type) {
    case "user_message":
      item(seq, "visitor", event.text ?? "");
      break;
    case "assistant": {
      const content = event.message?.content ?? event.content ?? [];
      const blocks = typeof content === "string" ? [{ type: "text", text: content }] : content;
      const shown = blocks.filter((b) => b.type === "text" || b.type === "tool_use");
      if (shown.length === 0) break; // e.g. only "thinking"
      const li = item(seq, shown.some((b) => b.type === "text") ? "agent" : "tool");
      for (const block of shown) {
        if (block.type === "text") child(li, "p", block.text ?? "");
        else child(li, "code", `${block.name ?? "tool"} $ ${describe(block.input)}`);
      }
      break;
    }
    case "tool_result": {
      const details = child(item(seq, "tool-output"), "details", "");
      child(details, "summary", event.is_error ? "tool failed" : "tool output");
      child(details, "pre", textOf(event.content));
      break;
    }
    case "permission_request": {
      const li = item(seq, "notice ask");
      child(li, "p", `The agent wants to run ${event.tool_name ?? "a tool"}: ${describe(event.input)}`);
      for (const [decision, label] of [["approve", "Allow"], ["deny", "Deny"]]) {
        const button = child(li, "button", label);
        button.type = "button";
        button.dataset.requestId = event.request_id ?? "";
        button.addEventListener("click", () => answer(event.request_id, decision));
      }
      break;
    }
    case "permission_response":
      answered(event.request_id);
      item(seq, "notice", event.decision === "deny" ? "Denied." : "Allowed.");
      break;
    case "_error":
      item(seq, "notice error", `Error: ${textOf(event.error)}`);
      break;
    case "result": {
      const seconds = typeof event.duration_ms === "number" ? ` in ${(event.duration_ms / 1000).toFixed(1)} s` : "";
      item(seq, "turn-end", event.is_error ? "The turn failed." : `Done${seconds}`);
      break;
    }
    default:
      return; // a kind this page does not show
  }
  log.lastElementChild?.scrollIntoView({ block: "end" });
}

function answered(requestId) {
  for (const button of log.querySelectorAll("button[data-request-id]")) {
    if (button.dataset.requestId === requestId) button.disabled = true;
  }
}

async function answer(requestId, decision) {
  answered(requestId); // one answer per request; the stream confirms it
  const response = await post("/api/answers", { request_id: requestId, decision }).catch(() => null);
  if (!response?.ok) setStatus("Your answer was not sent. Reload the page to try again.");
}

// --8<-- [start:listen]
function listen() {
  const source = new EventSource("/api/events");
  source.onopen = () => {
    setStatus("Connected");
    send.disabled = ended;
  };
  source.onmessage = (message) => {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return; // not a chat event
    }
    if (event && typeof event === "object") render(message.lastEventId, event);
  };
  source.addEventListener("gone", () => {
    source.close();
    ended = true;
    send.disabled = true;
    setStatus("This conversation has ended. Reload the page to start a new one.");
  });
  source.onerror = () => {
    // EventSource retries by itself unless the server refused the stream outright.
    setStatus(source.readyState === EventSource.CLOSED ? "Disconnected. Reload the page to try again." : "Reconnecting…");
  };
}
// --8<-- [end:listen]

async function start() {
  setStatus("Starting your sandbox…");
  try {
    const response = await post("/api/session");
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch {
    setStatus("Could not start a conversation. Reload the page to try again.");
    return;
  }
  listen();
}

async function submit(text) {
  let response = await post("/api/messages", { text });
  if (response.status === 409) {
    // The sandbox went to sleep after a quiet spell: wake it up, then send again.
    setStatus("Waking your sandbox up…");
    if ((await post("/api/session")).ok) response = await post("/api/messages", { text });
  }
  if (!response.ok) {
    const answer = await response.json().catch(() => ({}));
    throw new Error(answer.error ?? `HTTP ${response.status}`);
  }
}

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  const text = input.value.trim();
  if (!text || send.disabled) return;
  send.disabled = true;
  try {
    await submit(text);
    input.value = "";
    setStatus("Connected");
  } catch (err) {
    setStatus(`Not sent: ${err.message}`);
  } finally {
    send.disabled = ended;
    input.focus();
  }
});

input.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) {
    e.preventDefault();
    form.requestSubmit();
  }
});

start();
