"""File storage for uploads and generated documents."""

import contextlib
import os
import tempfile

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    """`FileSystemStorage` whose writes are atomic: the bytes go to a temporary file in the
    target directory, are flushed to disk, and only then renamed to the real name. A
    process killed mid-write leaves at most a hidden `.part` file, never a truncated
    document under the name the database points to. (Object stores such as S3 give the
    same guarantee per PUT.)"""

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        if self.directory_permissions_mode is not None:
            old_umask = os.umask(0o777 & ~self.directory_permissions_mode)
            try:
                os.makedirs(directory, self.directory_permissions_mode, exist_ok=True)
            finally:
                os.umask(old_umask)
        else:
            os.makedirs(directory, exist_ok=True)
        fd, tmp_path = tempfile.mkstemp(dir=directory, prefix=".", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                if hasattr(content, "temporary_file_path"):
                    with open(content.temporary_file_path(), "rb") as src:
                        while chunk := src.read(1 << 20):
                            out.write(chunk)
                else:
                    for chunk in content.chunks():
                        out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            # mkstemp creates 0600; Django's FILE_UPLOAD_PERMISSIONS (0644 by default) applies.
            if self.file_permissions_mode is not None:
                os.chmod(tmp_path, self.file_permissions_mode)
            os.replace(tmp_path, full_path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_path)
            raise
        return str(name).replace("\\", "/")
