//! Writing exports so a failure leaves nothing half-written and nothing lands outside the
//! chosen folder: everything is written under a temporary sibling name, then renamed.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use super::ExportError;
use crate::domain::id_number::IdNumber;

/// A file or folder being written under a temporary sibling name of its target. Dropping it
/// before [`Staged::finish`] removes the temporary, so an error leaves nothing behind.
pub struct Staged {
    temp: PathBuf,
    target: PathBuf,
    is_dir: bool,
    done: bool,
}

impl Staged {
    /// Creates an empty temporary folder next to `target`; refuses an existing target.
    pub fn dir(target: &Path) -> Result<Self, ExportError> {
        let staged = Self::prepare(target, true)?;
        // Reported against the target: the temporary name means nothing to the user.
        crate::private_fs::create_dir(&staged.temp).map_err(|e| ExportError::io(target, e))?;
        Ok(staged)
    }

    /// Reserves a temporary file next to `target`; refuses an existing target.
    pub fn file(target: &Path) -> Result<(Self, File), ExportError> {
        let staged = Self::prepare(target, false)?;
        let file = crate::private_fs::create_new_file(&staged.temp)
            .map_err(|e| ExportError::io(target, e))?;
        Ok((staged, file))
    }

    fn prepare(target: &Path, is_dir: bool) -> Result<Self, ExportError> {
        if target.exists() || target.is_symlink() {
            return Err(ExportError::TargetExists(target.to_owned()));
        }
        let name = target
            .file_name()
            .ok_or_else(|| ExportError::BadTarget(target.to_owned()))?;
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        if !parent.is_dir() {
            return Err(ExportError::NoParent(parent));
        }
        let mut temp_name = OsString::from(".");
        temp_name.push(name);
        // Process id and clock: a stale temporary left by a killed run never collides.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        temp_name.push(format!(".partial-{}-{nanos}", std::process::id()));
        Ok(Self {
            temp: parent.join(temp_name),
            target: target.to_owned(),
            is_dir,
            done: false,
        })
    }

    /// The temporary path being written.
    pub fn temp(&self) -> &Path {
        &self.temp
    }

    /// Flushes the temporary to disk and renames it to the target.
    pub fn finish(mut self) -> Result<PathBuf, ExportError> {
        if self.is_dir {
            // The entries of a renamed folder must be durable before the rename is.
            File::open(&self.temp)
                .and_then(|d| d.sync_all())
                .map_err(|e| ExportError::io(&self.temp, e))?;
        }
        if self.target.exists() {
            return Err(ExportError::TargetExists(self.target.clone()));
        }
        fs::rename(&self.temp, &self.target).map_err(|e| ExportError::io(&self.target, e))?;
        self.done = true;
        Ok(self.target.clone())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        // Best effort: the error that got us here is the one the user needs to see.
        let _ = if self.is_dir {
            fs::remove_dir_all(&self.temp)
        } else {
            fs::remove_file(&self.temp)
        };
    }
}

/// The file name of a student's photo: `<ID number>.jpg`, only from a valid ID number.
pub fn photo_file_name(raw_id: &str) -> Result<String, ExportError> {
    let id = IdNumber::parse(raw_id).map_err(|_| ExportError::UnsafeIdNumber(shorten(raw_id)))?;
    Ok(format!("{id}.jpg"))
}

/// `dir/name`, refused unless `name` is one plain file name (no separators, `..`, NUL, drive
/// or leading dot) so the result cannot leave `dir`.
pub fn join_inside(dir: &Path, name: &str) -> Result<PathBuf, ExportError> {
    let plain = !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0', ':']);
    let mut components = Path::new(name).components();
    let single = matches!(
        (components.next(), components.next()),
        (Some(Component::Normal(c)), None) if c == name
    );
    let path = dir.join(name);
    if !plain || !single || path.parent() != Some(dir) {
        return Err(ExportError::Outside(shorten(name)));
    }
    Ok(path)
}

/// Writes `bytes` to a new file `dir/name` and flushes it to disk; checks that the file really
/// landed inside `dir` (a symlink planted in the folder would not).
pub fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, ExportError> {
    let path = join_inside(dir, name)?;
    let mut file =
        crate::private_fs::create_new_file(&path).map_err(|e| ExportError::io(&path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| ExportError::io(&path, e))?;
    let real_dir = dir.canonicalize().map_err(|e| ExportError::io(dir, e))?;
    let real = path.canonicalize().map_err(|e| ExportError::io(&path, e))?;
    if real.parent() != Some(real_dir.as_path()) {
        return Err(ExportError::Outside(shorten(name)));
    }
    Ok(path)
}

/// A user-supplied value cut short and escaped for an error message.
pub fn shorten(s: &str) -> String {
    let cut: String = s.chars().take(40).collect();
    let dots = if cut.len() < s.len() { "…" } else { "" };
    format!("{cut:?}{dots}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_escape_are_refused() {
        let dir = Path::new("/tmp/pkg");
        let long = "a".repeat(300);
        for name in [
            "../../etc/x",
            "/etc/passwd",
            "..\\..\\x",
            "a/b",
            "x\0y",
            "..",
            ".",
            "",
            ".hidden",
            "C:x",
            long.as_str(),
        ] {
            assert!(join_inside(dir, name).is_err(), "{name:?} accepted");
        }
        assert_eq!(
            join_inside(dir, "11010519491231002X.jpg").unwrap(),
            dir.join("11010519491231002X.jpg")
        );
    }

    #[test]
    fn only_valid_id_numbers_name_files() {
        assert_eq!(
            photo_file_name("11010519491231002x").unwrap(),
            "11010519491231002X.jpg"
        );
        for bad in [
            "../../etc/x",
            "/etc/passwd",
            "..\\x",
            "1101051949123100\0X",
            "",
        ] {
            assert!(
                matches!(photo_file_name(bad), Err(ExportError::UnsafeIdNumber(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn dropped_staging_leaves_nothing_and_finish_refuses_an_existing_target() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("pkg");
        let staged = Staged::dir(&target).unwrap();
        write_new(staged.temp(), "a.jpg", b"x").unwrap();
        drop(staged);
        assert_eq!(fs::read_dir(root.path()).unwrap().count(), 0);

        let staged = Staged::dir(&target).unwrap();
        fs::create_dir(&target).unwrap();
        assert!(matches!(staged.finish(), Err(ExportError::TargetExists(_))));
        assert_eq!(fs::read_dir(root.path()).unwrap().count(), 1);
    }

    #[test]
    fn shorten_cuts_long_values() {
        let s = shorten(&"9".repeat(100));
        assert!(s.len() < 50 && s.ends_with('…'), "{s}");
        assert_eq!(shorten("a\0b"), "\"a\\0b\"");
    }
}
