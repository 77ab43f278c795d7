//! Files and folders only their owner can read: the product writes students' names, ID
//! numbers, phone numbers and photos (and the accounts' password hashes), so everything it
//! creates is `0600` (files) or `0700` (folders) on Unix, whatever the umask. Every file or
//! folder the product creates goes through this module. Elsewhere the operating system's
//! defaults apply.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io;
use std::path::Path;

/// Mode of every file the product creates (owner read and write).
pub const FILE_MODE: u32 = 0o600;
/// Mode of every folder the product creates (owner only).
pub const DIR_MODE: u32 = 0o700;

/// Creates a new file for writing, owner-only; refuses an existing file or a symlink.
pub fn create_new_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    options.open(path)
}

/// Creates one owner-only folder; its parent must exist.
pub fn create_dir(path: &Path) -> io::Result<()> {
    builder().create(path)
}

/// Creates a folder and any missing parents, each new one owner-only (existing ones are left
/// as they are).
pub fn create_dir_all(path: &Path) -> io::Result<()> {
    builder().recursive(true).create(path)
}

/// Makes an existing file owner-only (a copy or link whose mode came from elsewhere).
pub fn restrict(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(FILE_MODE))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

fn builder() -> DirBuilder {
    let mut builder = DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder
}

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used)] // Tests may panic.
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn files_and_folders_are_owner_only() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/b");
        create_dir_all(&dir).unwrap();
        assert_eq!(mode(&dir), DIR_MODE);
        assert_eq!(mode(&root.path().join("a")), DIR_MODE);
        let file = dir.join("f");
        create_new_file(&file).unwrap();
        assert_eq!(mode(&file), FILE_MODE);
        assert!(
            create_new_file(&file).is_err(),
            "an existing file is refused"
        );
        let other = dir.join("g");
        std::fs::write(&other, b"x").unwrap();
        std::fs::set_permissions(&other, std::fs::Permissions::from_mode(0o644)).unwrap();
        restrict(&other).unwrap();
        assert_eq!(mode(&other), FILE_MODE);
    }
}
