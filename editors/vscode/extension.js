// crmflow for VS Code: starts `crmflow lsp` for .crmflow files (diagnostics,
// completion, hover, rename, formatting, quick fixes) and opens a live
// preview of the current flow beside the editor (`crmflow watch --serve`).
'use strict';

const vscode = require('vscode');
const { spawn } = require('child_process');
const path = require('path');
const { LanguageClient } = require('vscode-languageclient/node');

let client;
// One preview server per file: { process, url }.
const previews = new Map();

function program() {
  return vscode.workspace.getConfiguration('crmflow').get('path') || 'crmflow';
}

async function startClient(context) {
  const serverOptions = { command: program(), args: ['lsp'] };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'crmflow' }, { scheme: 'untitled', language: 'crmflow' }],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{crmflow.yaml,*.crmflow}'),
    },
  };
  client = new LanguageClient('crmflow', 'crmflow', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    vscode.window.showErrorMessage(
      `crmflow: could not start \`${program()} lsp\` (${err.message || err}). ` +
        'Install crmflow or set "crmflow.path".'
    );
  }
}

// The preview: `crmflow watch FILE --serve 127.0.0.1:0` on a free port; the
// page address it prints opens in the Simple Browser beside the editor.
function openPreview() {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'crmflow' || editor.document.isUntitled) {
    vscode.window.showInformationMessage('crmflow: open a saved .crmflow file to preview it.');
    return;
  }
  const file = editor.document.uri.fsPath;
  const running = previews.get(file);
  if (running && running.url) {
    show(running.url);
    return;
  }
  const child = spawn(program(), ['watch', file, '--serve', '127.0.0.1:0'], {
    cwd: path.dirname(file),
  });
  const entry = { process: child, url: null };
  previews.set(file, entry);
  let seen = '';
  const look = (chunk) => {
    seen += chunk.toString();
    const found = /preview: (http:\/\/\S+)/.exec(seen);
    if (found && !entry.url) {
      entry.url = found[1];
      show(entry.url);
    }
  };
  child.stdout.on('data', look);
  child.stderr.on('data', look);
  child.on('error', (err) => {
    previews.delete(file);
    vscode.window.showErrorMessage(`crmflow: could not run \`${program()} watch\` (${err.message}).`);
  });
  child.on('exit', () => previews.delete(file));
}

function show(url) {
  vscode.commands.executeCommand('simpleBrowser.show', url, {
    viewColumn: vscode.ViewColumn.Beside,
    preserveFocus: true,
  });
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('crmflow.openPreview', openPreview),
    vscode.commands.registerCommand('crmflow.restartServer', async () => {
      if (client) {
        await client.stop();
      }
      await startClient(context);
    }),
    { dispose: () => previews.forEach((entry) => entry.process.kill()) }
  );
  return startClient(context);
}

function deactivate() {
  previews.forEach((entry) => entry.process.kill());
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
