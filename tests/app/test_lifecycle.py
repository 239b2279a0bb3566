"""The addon installs, upgrades, uninstalls and reinstalls with a clean log.

``./dev test`` installs the addon on a new database (its log is in
``CS_INSTALL_LOG``) and leaves a copy of it, ``CS_LIFECYCLE_DB``, that these
tests upgrade, uninstall and reinstall in separate Odoo processes.
"""

import os
import re
import subprocess
import sys
import tempfile
import unittest

# A log line is "<date> <time> <pid> <LEVEL> <db> <logger>: <message>".
PROBLEM = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) ", re.MULTILINE)


def _env(name):
    value = os.environ.get(name)
    if not value:
        raise unittest.SkipTest(f"{name} is set by './dev test'")
    return value


def _problems(log_text):
    return [line for line in log_text.splitlines() if PROBLEM.match(line)]


class TestLifecycle(unittest.TestCase):
    """Runs in its own Odoo processes: no registry of the test database is used."""

    @classmethod
    def setUpClass(cls):
        cls.odoo_bin = _env("CS_ODOO_BIN")
        cls.conf = _env("CS_ODOO_CONF")
        cls.db = _env("CS_LIFECYCLE_DB")

    def _command(self, *args):
        return [sys.executable, self.odoo_bin, *args, "-c", self.conf, "-d", self.db]

    def _odoo(self, *args, stdin=None):
        with tempfile.NamedTemporaryFile("r", suffix=".log") as log:
            result = subprocess.run(
                self._command(*args, "--no-http", f"--logfile={log.name}"),
                input=stdin,
                capture_output=True,
                text=True,
                timeout=900,
                check=False,
            )
            text = log.read()
        self.assertEqual(result.returncode, 0, result.stderr[-3000:] + text[-3000:])
        return text

    def _module_state(self):
        script = (
            "print('STATE=' + env['ir.module.module']"
            ".search([('name', '=', 'customer_service')]).state)\n"
        )
        result = subprocess.run(
            self._command("shell", "--no-http", "--log-level=error"),
            input=script,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        match = re.search(r"STATE=(\w+)", result.stdout)
        self.assertTrue(match, result.stdout + result.stderr)
        return match.group(1)

    def test_install_log_is_clean(self):
        with open(_env("CS_INSTALL_LOG"), encoding="utf-8") as log:
            text = log.read()
        self.assertIn("customer_service", text)
        self.assertEqual(_problems(text), [])

    def test_upgrade_uninstall_reinstall(self):
        log = self._odoo("-u", "customer_service", "--stop-after-init")
        self.assertIn("customer_service", log)
        self.assertEqual(_problems(log), [], "upgrade")

        log = self._odoo(
            "shell",
            stdin="env['ir.module.module'].search([('name', '=', 'customer_service')])"
            ".button_immediate_uninstall()\nenv.cr.commit()\n",
        )
        self.assertEqual(_problems(log), [], "uninstall")
        self.assertEqual(self._module_state(), "uninstalled")

        log = self._odoo("-i", "customer_service", "--stop-after-init")
        self.assertEqual(_problems(log), [], "reinstall")
        self.assertEqual(self._module_state(), "installed")
