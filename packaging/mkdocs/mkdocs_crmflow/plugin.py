"""The ``crmflow`` MkDocs plugin.

Each page whose Markdown has a ```crmflow block is piped through
``crmflow md --inline - --stdin-name PAGE``, which replaces every block by
its drawing (one ``<div class="crmflow">`` HTML block holding the SVG) and
reports problems at their line and column in the page's file. MkDocs hands
plugins the page without its YAML front matter, so the plugin puts as many
empty lines in front as the front matter took, and takes them off again:
line numbers are the file's.
"""

import logging
import os
import re
import shutil
import subprocess

from mkdocs.config import config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

log = logging.getLogger("mkdocs.plugins.crmflow")

# A fence whose info string starts with `crmflow` (in a list or a quote too).
_BLOCK = re.compile(r"^[ \t>*+\-0-9.)]*(`{3,}|~{3,})[ \t]*crmflow\b", re.MULTILINE)


def _binary(configured):
    if configured:
        return configured
    try:
        from crmflow import find_crmflow_bin

        return find_crmflow_bin()
    except (ImportError, FileNotFoundError):
        found = shutil.which("crmflow")
        if found:
            return found
    raise PluginError(
        "crmflow: the crmflow binary is not installed (pip install crmflow), "
        "or set `binary:` under the plugin in mkdocs.yml"
    )


class CrmflowPlugin(BasePlugin):
    config_scheme = (
        ("binary", config_options.Type(str, default="")),
        ("theme", config_options.Type(str, default="")),
        ("config", config_options.Type(str, default="")),
    )

    def on_config(self, config):
        self._crmflow = _binary(self.config["binary"])
        return config

    def on_page_markdown(self, markdown, page, config, files):
        if not _BLOCK.search(markdown):
            return markdown
        source = page.file.abs_src_path
        name = os.path.relpath(source) if source else page.file.src_uri
        offset = _front_matter_lines(source, markdown)
        command = [self._crmflow, "md", "--inline", "-", "--stdin-name", name]
        if self.config["theme"]:
            command += ["--theme", self.config["theme"]]
        if self.config["config"]:
            command += ["--config", self.config["config"]]
        env = dict(os.environ, NO_COLOR="1")
        result = subprocess.run(
            command,
            input=("\n" * offset + markdown).encode("utf-8"),
            capture_output=True,
            env=env,
            check=False,
        )
        messages = result.stderr.decode("utf-8", "replace").strip()
        if result.returncode != 0:
            raise PluginError(f"crmflow: {name}: a diagram failed (exit {result.returncode})\n{messages}")
        if messages:
            log.warning("crmflow: %s\n%s", name, messages)
        out = result.stdout.decode("utf-8")
        return out[offset:] if out.startswith("\n" * offset) else out


def _front_matter_lines(source, markdown):
    """How many lines of the page's file precede the Markdown MkDocs gave
    (its YAML front matter), so that diagnostics name the file's lines."""
    if not source:
        return 0
    try:
        with open(source, encoding="utf-8-sig") as handle:
            text = handle.read()
    except OSError:
        return 0
    text = text.replace("\r\n", "\n")
    body = markdown.replace("\r\n", "\n")
    if not body or text == body:
        return 0
    at = text.find(body.lstrip("\n")[:200])
    return text.count("\n", 0, at) if at > 0 else 0
