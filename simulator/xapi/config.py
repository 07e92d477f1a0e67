"""The learning-record settings: where the LRS is, who the learner is, and whether to send.

Kept apart from the app's look-and-feel preferences (which are Qt's) so the CLI and the
sender read the same file without Qt. The switch is off until the learner turns it on:
while it is off nothing is queued and nothing leaves the machine.

The secret never goes in the settings file. It goes to the platform keyring when the
optional ``keyring`` package is installed and has a working backend (Keychain, the
Windows Credential Locker, Secret Service), otherwise to a file only this user may
read (mode 0600), beside the settings.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from simulator.core.errors import RapportError
from simulator.storage.paths import ENV_VAR, data_dir

from .actor import Learner
from .endpoint import LrsConfig, check_endpoint

if TYPE_CHECKING:
    from simulator.core.profile import Profile

log = logging.getLogger(__name__)

SETTINGS_FILE = "xapi.json"
SECRET_FILE = "xapi-secret.json"
KEYRING_SERVICE = "Rapport learning record store"


class XapiSettingsError(RapportError):
    """The learning-record settings cannot be used as they are; the message says why."""


@dataclass(frozen=True)
class XapiSettings:
    send: bool = False
    endpoint: str = ""
    key: str = ""
    learner_name: str = ""
    account_name: str = ""
    account_homepage: str = ""

    @property
    def learner(self) -> Learner:
        return Learner(self.learner_name, self.account_name, self.account_homepage)

    def for_profile(self, profile: Profile | None) -> XapiSettings:
        """The settings as they apply to the student practising now.

        On a shared PC the learner named in Settings is whoever set it up; a chosen
        profile names the student, so records go to their account (student id at the
        university whose web address Settings holds). With no profile, nothing changes.
        """
        if profile is None:
            return self
        return replace(self, learner_name=profile.name or profile.student_id,
                       account_name=profile.student_id)

    def problems(self) -> list[str]:
        """What stops statements being sent with these settings, in the learner's words."""
        from .validate import is_irl  # its patterns are compiled only when first needed

        found = []
        endpoint_problem = check_endpoint(self.endpoint)
        if endpoint_problem:
            found.append(endpoint_problem)
        if not self.key.strip():
            found.append("the key is missing; your tutor gives you a key and a secret")
        if not self.account_name.strip():
            found.append("your student id (or user name at your university) is missing")
        if not is_irl(self.account_homepage.strip()):
            found.append("your university's web address must start with https:// (for "
                         "example https://www.example.edu)")
        return found


class SecretStore(Protocol):
    kind: str

    def get(self, key: str) -> str | None: ...
    def set(self, key: str, secret: str) -> None: ...


class FileSecretStore:
    """Secrets in a JSON file only its owner may read or write (mode 0600)."""

    kind = "file"

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            log.warning("the LRS secret file %s is unreadable: %s", self.path, error)
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def get(self, key: str) -> str | None:
        return self._read().get(key)

    def set(self, key: str, secret: str) -> None:
        data = self._read()
        data[key] = secret
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        # Created 0600 from the start (never readable by others, even for a moment).
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.chmod(temporary, 0o600)
        os.replace(temporary, self.path)


class KeyringSecretStore:
    kind = "keyring"

    def __init__(self, keyring: Any) -> None:
        self._keyring = keyring

    def get(self, key: str) -> str | None:
        value = self._keyring.get_password(KEYRING_SERVICE, key)
        return None if value is None else str(value)

    def set(self, key: str, secret: str) -> None:
        self._keyring.set_password(KEYRING_SERVICE, key, secret)


def _working_keyring() -> Any | None:
    """The keyring module if it is installed and has a real backend, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # not installed, or broken: the file store will do
        return None
    try:
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
            return None
    except Exception:
        return None
    return keyring


def secret_store(folder: Path | None = None) -> SecretStore:
    """The keyring if it works, else a private file; always the file when RAPPORT_DATA_DIR
    is set (a classroom machine or a test run keeps everything in that one folder)."""
    if os.environ.get(ENV_VAR, "").strip():
        return FileSecretStore((folder or data_dir()) / SECRET_FILE)
    keyring = _working_keyring()
    if keyring is not None:
        return KeyringSecretStore(keyring)
    return FileSecretStore((folder or data_dir()) / SECRET_FILE)


class XapiConfigStore:
    """Reads and writes the settings file and the secret."""

    def __init__(self, folder: Path | None = None, secrets: SecretStore | None = None) -> None:
        self.folder = folder or data_dir()
        self.path = self.folder / SETTINGS_FILE
        self.secrets = secrets or secret_store(self.folder)

    def load(self) -> XapiSettings:
        """The saved settings; a missing or damaged file gives the defaults (sending off)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return XapiSettings()
        except (OSError, ValueError) as error:
            log.warning("ignoring unreadable learning-record settings %s: %s", self.path, error)
            return XapiSettings()
        if not isinstance(data, dict):
            return XapiSettings()
        values: dict[str, Any] = {}
        for field in fields(XapiSettings):
            value = data.get(field.name)
            if field.name == "send":
                values["send"] = value is True
            elif isinstance(value, str):
                values[field.name] = value
        return XapiSettings(**values)

    def save(self, settings: XapiSettings, secret: str | None = None) -> None:
        """Save the settings, and the secret if one is given (None keeps the old one)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
            if secret is not None:
                self.secrets.set(settings.key.strip(), secret)
        except OSError as error:
            raise XapiSettingsError(f"Rapport could not save the learning-record settings in "
                                    f"{self.folder} ({error.strerror or error}).") from error
        except Exception as error:  # a keyring backend failing (locked, no D-Bus ...)
            raise XapiSettingsError(f"Rapport could not store the LRS secret ({error}).") \
                from error

    def secret(self, settings: XapiSettings) -> str | None:
        try:
            return self.secrets.get(settings.key.strip())
        except Exception as error:
            log.warning("reading the LRS secret failed: %s", error)
            return None

    def read_config(self, settings: XapiSettings | None = None) -> LrsConfig:
        """The LRS to read a class's records from: endpoint, key and secret are enough
        (a trainer need not switch sending on, nor be a learner)."""
        settings = settings or self.load()
        problem = check_endpoint(settings.endpoint)
        secret = self.secret(settings) if settings.key.strip() else None
        if problem or secret is None:
            raise XapiSettingsError(
                f"the record store is not set up here ({problem or 'no key and secret'}); "
                "fill in its address, key and secret under Settings, Learning records")
        return LrsConfig(settings.endpoint.strip(), settings.key.strip(), secret)

    def lrs_config(self, settings: XapiSettings | None = None) -> LrsConfig | None:
        """The LRS to send to, or None while sending is off or the settings are incomplete."""
        settings = settings or self.load()
        if not settings.send or settings.problems():
            return None
        secret = self.secret(settings)
        if secret is None:
            return None
        return LrsConfig(settings.endpoint.strip(), settings.key.strip(), secret)
