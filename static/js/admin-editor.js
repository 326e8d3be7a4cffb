// CKEditor in the admin: a refused upload (or any other warning of the editor) is said beside
// the editor, where the editor looks, instead of in the browser's alert() box.
(() => {
  const say = (editor, message) => {
    const root = editor.ui.element;
    let box = root.nextElementSibling;
    if (!box || !box.classList.contains("editor-warning")) {
      box = document.createElement("p");
      box.className = "errornote editor-warning";
      box.setAttribute("role", "alert");
      root.after(box);
    }
    box.textContent = message;
  };
  const watch = (editor) => {
    if (!editor.plugins.has("Notification")) return;
    editor.plugins.get("Notification").on(
      "show:warning",
      (event, data) => {
        const title = data.title ? `${data.title}: ` : "";
        const message = typeof data.message === "string" ? data.message : String(data.message || "");
        say(editor, `${title}${message}`);
        event.stop(); // no alert()
      },
      { priority: "high" },
    );
    // Gone when the editor types again (not on any change: a failed upload's placeholder
    // leaving the text is a change too).
    editor.editing.view.document.on("keydown", () => {
      const box = editor.ui.element.nextElementSibling;
      if (box && box.classList.contains("editor-warning")) box.remove();
    });
  };
  if (typeof window.ckeditorRegisterCallback !== "function") return;
  for (const field of document.querySelectorAll("textarea.django_ckeditor_5")) {
    window.ckeditorRegisterCallback(field.id, watch);
  }
})();
