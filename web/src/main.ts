/** Entry of the local app (see app.ts). */
import { html, render } from "htm/preact";
import { App } from "./app.js";

const root = document.getElementById("app");
if (root) {
  root.textContent = "";
  render(html`<${App} />`, root);
}
