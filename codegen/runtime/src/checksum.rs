//! The request checksums AWS computes without a cryptographic hash: CRC32
//! (ISO-HDLC, the zlib one) and CRC32C (Castagnoli), bit by bit over a table
//! built at compile time.

const fn table(poly: u32) -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { poly ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

/// Reflected polynomials.
static CRC32_TABLE: [u32; 256] = table(0xEDB8_8320);
static CRC32C_TABLE: [u32; 256] = table(0x82F6_3B78);

fn crc(table: &[u32; 256], data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c = table[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

/// CRC32 (`x-amz-checksum-crc32`).
pub fn crc32(data: &[u8]) -> u32 {
    crc(&CRC32_TABLE, data)
}

/// CRC32C (`x-amz-checksum-crc32c`).
pub fn crc32c(data: &[u8]) -> u32 {
    crc(&CRC32C_TABLE, data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_values() {
        // The catalogued check values of both CRCs (the CRC of "123456789").
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32c(b"123456789"), 0xE306_9283);
        assert_eq!(crc32(b""), 0);
        // `x-amz-checksum-crc32` of "Hello world" as S3's documentation shows it.
        assert_eq!(
            crate::base64_encode(&crc32(b"Hello world").to_be_bytes()),
            "i9aeUg=="
        );
    }
}
