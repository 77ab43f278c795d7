//! Sealing a package for one recipient: a tar archive encrypted with age (X25519), so the
//! school opens it with the standard tools and nobody else learns even the ID numbers in the
//! file names:
//!
//! ```text
//! age -d -i key.txt -o chsi.tar chsi.tar.age
//! tar -xf chsi.tar
//! ```

use std::io::Write;
use std::str::FromStr;

use age::stream::StreamWriter;
use chrono::{DateTime, Utc};

use super::ExportError;
use crate::domain::lang::Lang;

/// Name of the sealed archive inside the package folder.
pub const SEALED_NAME: &str = "chsi.tar.age";

/// Plain instructions placed beside the sealed archive (they hold no personal data).
pub const README_NAME: &str = "README.txt";

/// What the school reads next to the sealed archive: the catalogue's `doc-sealed-readme` in
/// Chinese, then in English, with Windows line ends and a byte-order mark so Notepad shows it.
pub fn readme_text() -> String {
    let zh = crate::i18n::text(Lang::Zh, "doc-sealed-readme");
    let en = crate::i18n::text(Lang::En, "doc-sealed-readme");
    format!("\u{feff}{zh}\n\n{en}\n").replace('\n', "\r\n")
}

/// Parses an age X25519 public key (`age1…`, as printed by `age-keygen`).
pub fn parse_recipient(key: &str) -> Result<age::x25519::Recipient, ExportError> {
    age::x25519::Recipient::from_str(key.trim())
        .map_err(|_| ExportError::BadRecipient(super::package::shorten(key)))
}

/// A tar archive streamed through age encryption into `W`; nothing is buffered whole.
pub struct SealedTar<W: Write> {
    builder: tar::Builder<StreamWriter<W>>,
}

impl<W: Write> SealedTar<W> {
    /// Starts an archive encrypted to `recipient`.
    pub fn new(out: W, recipient: &age::x25519::Recipient) -> Result<Self, ExportError> {
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
                .map_err(|e| ExportError::Encrypt(e.to_string()))?;
        let stream = encryptor
            .wrap_output(out)
            .map_err(|e| ExportError::Encrypt(e.to_string()))?;
        let mut builder = tar::Builder::new(stream);
        builder.mode(tar::HeaderMode::Deterministic);
        Ok(Self { builder })
    }

    /// Adds one regular file (mode 0644) with the given modification time.
    pub fn append(
        &mut self,
        name: &str,
        bytes: &[u8],
        mtime: DateTime<Utc>,
    ) -> std::io::Result<()> {
        let mut header = tar::Header::new_ustar();
        header.set_entry_type(tar::EntryType::Regular);
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(u64::try_from(mtime.timestamp()).unwrap_or(0));
        // `append_data` refuses `..` and absolute names, a second guard after `join_inside`.
        self.builder.append_data(&mut header, name, bytes)
    }

    /// Ends the archive and the encryption stream, returning the underlying writer.
    pub fn finish(self) -> std::io::Result<W> {
        self.builder.into_inner()?.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_readme_tells_the_school_how_to_open_the_package_in_both_languages() {
        let text = readme_text();
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("只有持有对应私钥的人可以打开"));
        assert!(text.contains("only the holder of the matching private key"));
        // The commands keep their indentation and every line ends the Windows way.
        assert_eq!(
            text.matches("\r\n    age -d -i key.txt -o chsi.tar chsi.tar.age\r\n")
                .count(),
            2,
            "{text:?}"
        );
        assert!(!text.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn sealed_archive_opens_with_the_matching_identity_only() {
        let identity = age::x25519::Identity::generate();
        let mut sealed = SealedTar::new(Vec::new(), &identity.to_public()).unwrap();
        sealed
            .append("11010519491231002X.jpg", b"\xFF\xD8photo", Utc::now())
            .unwrap();
        let bytes = sealed.finish().unwrap();
        assert!(bytes.starts_with(b"age-encryption.org/v1"));
        assert!(!bytes.windows(18).any(|w| w == b"11010519491231002X"));

        let decryptor = age::Decryptor::new(&bytes[..]).unwrap();
        let mut plain = decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .unwrap();
        let mut tar_bytes = Vec::new();
        plain.read_to_end(&mut tar_bytes).unwrap();
        let mut archive = tar::Archive::new(&tar_bytes[..]);
        let mut entry = archive.entries().unwrap().next().unwrap().unwrap();
        assert_eq!(
            entry.path().unwrap().to_str(),
            Some("11010519491231002X.jpg")
        );
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        assert_eq!(content, b"\xFF\xD8photo");

        let other = age::x25519::Identity::generate();
        let decryptor = age::Decryptor::new(&bytes[..]).unwrap();
        assert!(
            decryptor
                .decrypt(std::iter::once(&other as &dyn age::Identity))
                .is_err()
        );
    }

    #[test]
    fn bad_keys_are_refused_with_a_message() {
        for key in ["", "age1notakey", "ssh-ed25519 AAAA", "AGE-SECRET-KEY-1XYZ"] {
            let err = parse_recipient(key).unwrap_err();
            assert!(err.to_string().contains("age public key"), "{err}");
        }
        let id = age::x25519::Identity::generate();
        let public = id.to_public().to_string();
        assert_eq!(parse_recipient(&public).unwrap().to_string(), public);
    }
}
