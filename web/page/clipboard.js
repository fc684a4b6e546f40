// @ts-check
// Copying text to the clipboard: the clipboard API, else a selected text area and the copy
// command (older browsers, or a page the API refuses).

/**
 * Put `text` on the clipboard; resolves whether it worked.
 * @param {string} text
 * @returns {Promise<boolean>}
 */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "calc-copy-fallback";
    document.body.append(area);
    area.select();
    const ok = typeof document.execCommand === "function" && document.execCommand("copy");
    area.remove();
    return ok;
  }
}
