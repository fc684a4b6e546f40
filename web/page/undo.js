// @ts-check
// Undo for what replaces all of a calculator's inputs at once (Reset, a worked example opened in
// place): the form's note says what happened, with one button that brings the inputs back.

import { ACTION, DATA } from "./contract.js";
import { make, setText } from "./dom.js";

export class Undo {
  /**
   * @param {HTMLElement} note the form's status line (macros/forms.py: calc-form-note)
   * @param {(query: string) => void} restore puts back the inputs of a query string
   */
  constructor(note, restore) {
    this.note = note;
    this.restore = restore;
    this.query = "";
  }

  /**
   * Say what happened, with an Undo button that restores the inputs of `query`.
   * @param {string} text
   * @param {string} query the inputs before
   */
  offer(text, query) {
    this.query = query;
    const undo = make("button", "calc-undo", "Undo");
    undo.type = "button";
    undo.setAttribute(DATA.action, ACTION.undo);
    this.note.replaceChildren(`${text} `, undo);
  }

  /** Undo: the inputs come back, and the note says so. */
  undo() {
    const query = this.query;
    if (!query) return;
    this.query = "";
    this.restore(query);
    this.say("Your inputs are back.");
  }

  /**
   * A note without an Undo (the offer lapses: the reader edited since).
   * @param {string} text
   */
  say(text) {
    this.query = "";
    setText(this.note, text);
  }
}
