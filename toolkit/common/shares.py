"""Is a folder on a network share (网络共享, a mapped drive, NFS/SMB on Linux)?

SQLite's WAL mode needs shared memory between the processes using the database, which network
file systems do not give: the store uses the rollback journal there (toolkit.store).

Windows: a UNC path (\\\\server\\share\\…) or a drive letter the system calls DRIVE_REMOTE (a
mapped drive). Linux: the file system type of the mount holding the folder (/proc/self/mounts).
"""

from __future__ import annotations

import os
from pathlib import Path

NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "coda", "9p", "ceph", "lustre",
    "gpfs", "beegfs", "glusterfs", "davfs", "fuse.sshfs", "sshfs", "fuse.glusterfs",
    "fuse.davfs2", "fuse.rclone", "fuse.s3fs", "fuse.cifs", "fuse.smbnetfs", "fuse.gvfsd-fuse",
}
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a network drive


def on_network_share(folder: str | os.PathLike) -> bool:
    """True when `folder` lies on a network file system."""
    if os.name == "nt":
        return windows_remote(str(folder), _drive_type)
    return mount_type(Path(folder), _mounts()) in NETWORK_FILESYSTEMS


# --- Windows ----------------------------------------------------------------------------------
def windows_remote(folder: str, drive_type) -> bool:
    """A UNC path, or a drive whose type (`drive_type("X:\\\\")`) is DRIVE_REMOTE."""
    path = folder.replace("/", "\\")
    if path.startswith("\\\\?\\UNC\\") or (path.startswith("\\\\") and not path.startswith("\\\\?\\")):
        return True
    drive = path[4:6] if path.startswith("\\\\?\\") else path[:2]
    if len(drive) == 2 and drive[1] == ":":
        return drive_type(drive + "\\") == DRIVE_REMOTE
    return False


def _drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)


# --- Linux ------------------------------------------------------------------------------------
def _mounts() -> str:
    try:
        return Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _unescape(field: str) -> str:
    """/proc/mounts writes a space, tab, newline and backslash as octal escapes (\\040)."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def mount_type(folder: Path, mounts: str) -> str:
    """The file system type of the mount that holds `folder` ("" when unknown)."""
    try:
        target = folder.resolve()
    except OSError:
        target = Path(os.path.abspath(folder))
    best, kind = -1, ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = Path(_unescape(fields[1]))
        if (target == point or point in target.parents) and len(point.parts) > best:
            best, kind = len(point.parts), fields[2]
    return kind
