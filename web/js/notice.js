// A message for the page drawn next ("Closed as benign."), shown once
// under its heading: an action redraws the page it was taken on.
let next = null;

export function notify(kind, text) {
  next = {kind, text};
}

export function take() {
  const n = next;
  next = null;
  return n;
}
