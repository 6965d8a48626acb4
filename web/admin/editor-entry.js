/*
 * The admin console's one bundled module (built by scripts/build-web.js into web/admin/build/):
 * a CodeMirror 6 YAML editor with lint markers, and the `yaml` package's Document API for the
 * form view. Everything else in web/admin/ is plain ES modules without a build step.
 */
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, forceLinting } from '@codemirror/lint';

export { parseDocument, isMap, isSeq, isScalar, Document } from 'yaml';

/**
 * Creates the editor in `parent`. `lint(text)` resolves to diagnostics `{line, column?, message,
 * severity}` (1-based lines); `onChange(text)` runs after every edit.
 */
export function createEditor(parent, { doc, onChange, lint, delay = 400, label }) {
  const lintSource = linter(async (view) => {
    const text = view.state.doc.toString();
    const found = await lint(text);
    if (view.state.doc.toString() !== text) return [];
    return found.map((d) => {
      const line = view.state.doc.line(Math.min(Math.max(1, d.line || 1), view.state.doc.lines));
      const from = Math.min(line.to, line.from + Math.max(0, (d.column || 1) - 1));
      return { from, to: line.to > from ? line.to : from, severity: d.severity === 'warning' ? 'warning' : 'error', message: d.message };
    });
  }, { delay });
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        basicSetup, yaml(), lintGutter(), lintSource,
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label || 'YAML', 'data-testid': 'yaml-editor' }),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u.state.doc.toString()); }),
      ],
    }),
  });
  return {
    view,
    get text() { return view.state.doc.toString(); },
    /** Replaces the whole text (form edits, loading a version) without losing the undo history. */
    setText(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    relint() { forceLinting(view); },
    destroy() { view.destroy(); },
  };
}
