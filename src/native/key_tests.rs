//! Keys made, read, encrypted and opened natively: the same structures the wasm
//! build fills with WebCrypto's results.

use pkcs8::LineEnding;
use rand_core::OsRng;

use crate::encoding::pem_blocks;
use crate::{Error, KeyType, PrivateKey};

fn pem_of(key: &PrivateKey) -> String {
    key.to_pkcs8_pem().to_string()
}

#[test]
fn debug_never_prints_the_key() {
    let key = PrivateKey::generate(KeyType::EcP256).unwrap();
    let debug = format!("{key:?}");
    assert!(
        debug.contains("elided") && debug.contains("EcP256"),
        "{debug}"
    );
    let der = key.pkcs8_der();
    assert!(!debug.contains(&format!("{:?}", &der[36..44])));
}

#[test]
fn ec_keys_round_trip_through_pkcs8_pem() {
    for kt in [KeyType::EcP256, KeyType::EcP384] {
        let key = PrivateKey::generate(kt).unwrap();
        let pem = pem_of(&key);
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        let back = PrivateKey::from_pem(&pem, None).unwrap();
        assert_eq!(back.key_type(), kt);
        assert_eq!(back.public_key().unwrap(), key.public_key().unwrap());
    }
}

#[test]
fn encrypted_key_opens_with_its_passphrase_only() {
    let key = PrivateKey::generate(KeyType::EcP256).unwrap();
    let pem = key.to_encrypted_pkcs8_pem("correct horse battery").unwrap();
    assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    let back = PrivateKey::from_pem(&pem, Some("correct horse battery")).unwrap();
    assert_eq!(back.public_key().unwrap(), key.public_key().unwrap());
    let err = PrivateKey::from_pem(&pem, Some("correct horse batterY")).unwrap_err();
    assert_eq!(err, Error::WrongPassphrase);
    assert_eq!(
        PrivateKey::from_pem(&pem, None).unwrap_err(),
        Error::PassphraseRequired
    );
}

#[test]
fn a_passphrase_with_spaces_is_used_exactly_as_typed() {
    let key = PrivateKey::generate(KeyType::EcP256).unwrap();
    let pem = key.to_encrypted_pkcs8_pem(" spaced out words ").unwrap();
    assert!(PrivateKey::from_pem(&pem, Some(" spaced out words ")).is_ok());
    assert_eq!(
        PrivateKey::from_pem(&pem, Some("spaced out words")).unwrap_err(),
        Error::WrongPassphrase
    );
}

#[test]
fn encrypted_key_uses_pbkdf2_sha256_600k_and_aes256cbc() {
    let key = PrivateKey::generate(KeyType::EcP256).unwrap();
    let pem = key.to_encrypted_pkcs8_pem("a passphrase of 12+").unwrap();
    let der = pem_blocks(&pem).remove(0).der.unwrap();
    use der::Decode;
    let info = pkcs8::EncryptedPrivateKeyInfo::from_der(&der).unwrap();
    let pkcs8::pkcs5::EncryptionScheme::Pbes2(params) = info.encryption_algorithm else {
        panic!("not PBES2");
    };
    let pkcs8::pkcs5::pbes2::Kdf::Pbkdf2(kdf) = params.kdf else {
        panic!("not PBKDF2");
    };
    assert_eq!(kdf.iteration_count, 600_000);
    assert_eq!(kdf.prf, pkcs8::pkcs5::pbes2::Pbkdf2Prf::HmacWithSha256);
    assert!(matches!(
        params.encryption,
        pkcs8::pkcs5::pbes2::EncryptionScheme::Aes256Cbc { .. }
    ));
}

#[test]
fn refuses_a_passphrase_under_12_characters() {
    let key = PrivateKey::generate(KeyType::EcP256).unwrap();
    let err = key.to_encrypted_pkcs8_pem("elevenchars").unwrap_err();
    assert_eq!(err.code(), "passphrase_too_short");
    assert!(err.to_string().contains("11 characters"), "{err}");
}

#[test]
fn refuses_absurd_iteration_counts_before_deriving_anything() {
    let key = PrivateKey::generate(KeyType::EcP256).unwrap();
    let params = pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(
        crate::MAX_PBKDF2_ITERATIONS + 1,
        &[1; 16],
        &[2; 16],
    )
    .unwrap();
    let info = pkcs8::EncryptedPrivateKeyInfo {
        encryption_algorithm: pkcs8::pkcs5::EncryptionScheme::Pbes2(params),
        encrypted_data: key.pkcs8_der(),
    };
    use der::Encode;
    let pem = crate::encoding::pem_encode("ENCRYPTED PRIVATE KEY", &info.to_der().unwrap());
    let err = PrivateKey::from_pem(&pem, Some("whatever passphrase")).unwrap_err();
    assert_eq!(err.code(), "invalid_private_key");
    assert!(err.to_string().contains("iterations"), "{err}");
}

#[test]
fn reads_legacy_sec1_ec_keys_as_pkcs8() {
    use p256::pkcs8::DecodePrivateKey;
    let key = PrivateKey::generate(KeyType::EcP384).unwrap();
    let secret = p384::SecretKey::from_pkcs8_der(key.pkcs8_der()).unwrap();
    let sec1 = crate::encoding::pem_encode("EC PRIVATE KEY", &secret.to_sec1_der().unwrap());
    let back = PrivateKey::from_pem(&sec1, None).unwrap();
    assert_eq!(back.key_type(), KeyType::EcP384);
    assert_eq!(back.public_key().unwrap(), key.public_key().unwrap());
}

#[test]
fn rsa_keys_of_both_sizes_round_trip_including_pkcs1() {
    use rsa::pkcs1::EncodeRsaPrivateKey;
    use rsa::pkcs8::DecodePrivateKey;
    let key = PrivateKey::generate(KeyType::Rsa3072).unwrap();
    assert_eq!(key.key_type(), KeyType::Rsa3072);
    let back = PrivateKey::from_pem(&pem_of(&key), None).unwrap();
    assert_eq!(back.key_type(), KeyType::Rsa3072);
    let rsa_key = rsa::RsaPrivateKey::from_pkcs8_der(key.pkcs8_der()).unwrap();
    let pkcs1 = crate::encoding::pem_encode(
        "RSA PRIVATE KEY",
        rsa_key.to_pkcs1_der().unwrap().as_bytes(),
    );
    let back = PrivateKey::from_pem(&pkcs1, None).unwrap();
    assert_eq!(back.key_type(), KeyType::Rsa3072);
    assert_eq!(back.public_key().unwrap(), key.public_key().unwrap());
}

#[test]
fn refuses_an_rsa_2048_private_key() {
    use rsa::pkcs8::EncodePrivateKey;
    let small = rsa::RsaPrivateKey::new(&mut OsRng, 2048).unwrap();
    let pem = small.to_pkcs8_pem(LineEnding::LF).unwrap();
    let err = PrivateKey::from_pem(&pem, None).unwrap_err();
    assert_eq!(err.code(), "unsupported_key_type");
    assert!(err.to_string().contains("rsa-2048"), "{err}");
}

#[test]
fn a_damaged_key_is_an_error_not_a_panic() {
    let pem = pem_of(&PrivateKey::generate(KeyType::EcP256).unwrap());
    let damaged = pem.replacen("MI", "MA", 1);
    assert_eq!(
        PrivateKey::from_pem(&damaged, None).unwrap_err().code(),
        "invalid_private_key"
    );
}
