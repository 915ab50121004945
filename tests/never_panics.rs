//! No input may panic: 100,000+ random and mutated certificates, keys and IDs.
//! A panic in wasm aborts the whole module, so every refusal must be an `Err`.

#![cfg(not(target_arch = "wasm32"))]
use netsuite_m2m::*;
use proptest::prelude::*;

const NOW: i64 = 1_795_776_104;

/// xorshift64*: deterministic, so a failure reproduces from the printed seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for kt in [KeyType::EcP256, KeyType::EcP384, KeyType::Rsa3072] {
        let key = PrivateKey::generate(kt).unwrap();
        let cert = self_signed(&key, &CertificateOptions::default(), NOW).unwrap();
        seeds.push(cert.der().to_vec());
        seeds.push(cert.pem().into_bytes());
        seeds.push(key.pkcs8_der().to_vec());
        seeds.push(key.to_pkcs8_pem().as_bytes().to_vec());
    }
    seeds
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    for _ in 0..=rng.below(4) {
        let len = data.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] = rng.next() as u8;
            }
            2 => data.truncate(rng.below(len + 1)),
            3 => {
                let i = rng.below(len + 1);
                data.insert(i, rng.next() as u8);
            }
            4 if len > 0 => {
                // Length bytes are where DER parsers die: push them to extremes.
                let i = rng.below(len);
                data[i] = [0x00, 0x7f, 0x80, 0x81, 0x82, 0x84, 0x88, 0xff][rng.below(8)];
            }
            5 if len > 1 => {
                let a = rng.below(len);
                let b = a + rng.below(len - a);
                let chunk = data[a..b].to_vec();
                let at = rng.below(data.len() + 1);
                data.splice(at..at, chunk);
            }
            6 => {
                let other = &seeds[rng.below(seeds.len())];
                let cut = rng.below(other.len());
                let at = rng.below(len + 1);
                data.truncate(at);
                data.extend_from_slice(&other[cut..]);
            }
            _ => {
                data = (0..rng.below(600)).map(|_| rng.next() as u8).collect();
            }
        }
    }
    data
}

#[test]
fn inspect_and_key_reading_never_panic_on_100k_mutated_inputs() {
    let seed = 0x9e37_79b9_7f4a_7c15;
    println!("seed {seed:#x}");
    let mut rng = Rng(seed);
    let seeds = seeds();
    let key = PrivateKey::generate(KeyType::EcP256).unwrap();
    let mut accepted = 0;
    for _ in 0..100_000 {
        let input = mutate(&mut rng, &seeds);
        if inspect(&input, NOW).is_ok() {
            accepted += 1;
        }
        let _ = key_matches_certificate(&key, &input);
        if let Ok(text) = std::str::from_utf8(&input) {
            let _ = PrivateKey::from_pem(text, Some("twelve chars!"));
        }
        let _ = PrivateKey::from_pkcs8_der(&input);
    }
    // The mutations must reach the parser's depths, not only its front door.
    assert!(accepted > 100, "only {accepted} mutated inputs parsed");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn id_parsers_never_panic_and_accepted_ids_are_canonical(s in "\\PC{0,80}") {
        if let Ok(id) = AccountId::parse(&s) {
            prop_assert_eq!(AccountId::parse(id.as_str()).unwrap(), id.clone());
            prop_assert!(id.host().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
        if let Ok(id) = ClientId::parse(&s) {
            prop_assert_eq!(id.as_str().len(), 64);
        }
        let _ = CertificateId::parse(&s);
        let _ = KeyType::parse(&s);
        let _ = Scope::parse(&s);
        let _ = inspect(s.as_bytes(), NOW);
    }

    #[test]
    fn account_ids_of_the_documented_forms_are_accepted(
        n in "[0-9]{1,12}", kind in "(|_SB|_RP|-sb|-rp)", k in "[0-9]{1,3}", tst in any::<bool>()
    ) {
        let input = if tst { format!("TSTDRV{n}") } else if kind.is_empty() { n.clone() } else { format!("{n}{kind}{k}") };
        let id = AccountId::parse(&input).unwrap();
        let prefix = format!("https://{}.suitetalk.api.netsuite.com/", id.host());
        prop_assert!(id.token_endpoint().starts_with(&prefix));
    }

    #[test]
    fn any_64_hex_client_id_is_accepted(s in "[0-9a-fA-F]{64}") {
        let id = ClientId::parse(&s).unwrap();
        prop_assert_eq!(id.as_str(), s.to_ascii_lowercase());
    }
}
