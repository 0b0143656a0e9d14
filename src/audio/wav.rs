//! Reading 16-bit PCM WAV data into a [`Clip`]: the spoken prompts that are
//! embedded in the binary, and what `espeak-ng --stdout` writes (whose
//! header says "as long as it takes", so a data size running past the end
//! is accepted). Several channels are mixed down to one.

use super::clip::Clip;

/// Why WAV data could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WavError {
    #[error("not a RIFF/WAVE file")]
    NotWave,
    #[error("no 'fmt ' chunk before the data")]
    NoFormat,
    #[error("no 'data' chunk")]
    NoData,
    #[error("unsupported WAV encoding (format {format}, {bits} bits); only 16-bit PCM is read")]
    Unsupported { format: u16, bits: u16 },
}

/// PCM format tag, and the tag of WAVE_FORMAT_EXTENSIBLE headers.
const PCM: u16 = 1;
const EXTENSIBLE: u16 = 0xFFFE;

/// The format chunk's fields this reader needs.
#[derive(Debug, Clone, Copy)]
struct Format {
    /// Number of interleaved channels.
    channels: u16,
    /// Frames per second.
    rate: u32,
}

/// Decode 16-bit PCM WAV bytes into a mono clip.
pub fn decode(bytes: &[u8]) -> Result<Clip, WavError> {
    let (format, data) = locate(bytes)?;
    Ok(mix_down(&bytes[data], format))
}

/// Read WAV bytes that are part of the program: a mono file becomes a clip
/// over its data where it lies (nothing copied or converted); anything else
/// is decoded as by [`decode`].
pub fn embedded(bytes: &'static [u8]) -> Result<Clip, WavError> {
    let (format, data) = locate(bytes)?;
    Ok(if format.channels == 1 {
        Clip::embedded(format.rate, &bytes[data])
    } else {
        mix_down(&bytes[data], format)
    })
}

/// The format and where the sample data is.
fn locate(bytes: &[u8]) -> Result<(Format, std::ops::Range<usize>), WavError> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return Err(WavError::NotWave);
    }
    let mut pos = 12;
    let mut format = None;
    while pos + 8 <= bytes.len() {
        let id = &bytes[pos..pos + 4];
        let size = u32_at(bytes, pos + 4) as usize;
        let body = pos + 8;
        let end = body.saturating_add(size).min(bytes.len());
        match id {
            b"fmt " => format = Some(read_format(&bytes[body..end])?),
            b"data" => return Ok((format.ok_or(WavError::NoFormat)?, body..end)),
            _ => {}
        }
        // Chunks are padded to an even size.
        pos = body.saturating_add(size).saturating_add(size & 1);
    }
    Err(WavError::NoData)
}

fn read_format(chunk: &[u8]) -> Result<Format, WavError> {
    if chunk.len() < 16 {
        return Err(WavError::NoFormat);
    }
    let mut tag = u16_at(chunk, 0);
    let bits = u16_at(chunk, 14);
    if tag == EXTENSIBLE && chunk.len() >= 26 {
        // The real format tag starts the sub-format GUID.
        tag = u16_at(chunk, 24);
    }
    let channels = u16_at(chunk, 2);
    let rate = u32_at(chunk, 4);
    if tag != PCM || bits != 16 || channels == 0 || rate == 0 {
        return Err(WavError::Unsupported { format: tag, bits });
    }
    Ok(Format { channels, rate })
}

fn mix_down(data: &[u8], f: Format) -> Clip {
    let channels = usize::from(f.channels);
    let frame_bytes = 2 * channels;
    let scale = 1.0 / (32768.0 * channels as f32);
    let samples: Vec<f32> = data
        .chunks_exact(frame_bytes)
        .map(|frame| {
            let sum: i32 = frame
                .chunks_exact(2)
                .map(|b| i32::from(i16::from_le_bytes([b[0], b[1]])))
                .sum();
            sum as f32 * scale
        })
        .collect();
    Clip::new(f.rate, samples)
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A canonical 44-byte-header WAV (what sox writes for 16-bit PCM).
    fn wav(channels: u16, rate: u32, samples: &[i16], data_size: Option<u32>) -> Vec<u8> {
        let data_len = (samples.len() * 2) as u32;
        let mut b = Vec::new();
        b.extend(b"RIFF");
        b.extend((36 + data_len).to_le_bytes());
        b.extend(b"WAVEfmt ");
        b.extend(16u32.to_le_bytes());
        b.extend(PCM.to_le_bytes());
        b.extend(channels.to_le_bytes());
        b.extend(rate.to_le_bytes());
        b.extend((rate * 2 * u32::from(channels)).to_le_bytes());
        b.extend((2 * channels).to_le_bytes());
        b.extend(16u16.to_le_bytes());
        // An unknown chunk with an odd size, to be skipped with its pad byte.
        b.extend(b"LIST");
        b.extend(3u32.to_le_bytes());
        b.extend([1, 2, 3, 0]);
        b.extend(b"data");
        b.extend(data_size.unwrap_or(data_len).to_le_bytes());
        for s in samples {
            b.extend(s.to_le_bytes());
        }
        b
    }

    #[test]
    fn reads_mono_pcm() {
        let c = decode(&wav(1, 16_000, &[0, 16384, -32768], None)).unwrap();
        assert_eq!(c.rate(), 16_000);
        assert_eq!(*c.samples(), [0.0, 0.5, -1.0]);
    }

    #[test]
    fn mixes_stereo_down_and_accepts_streamed_sizes() {
        // espeak-ng --stdout writes 0x7ffff000 as the data size.
        let c = decode(&wav(
            2,
            22_050,
            &[16384, 0, -16384, -16384],
            Some(0x7fff_f000),
        ))
        .unwrap();
        assert_eq!(*c.samples(), [0.25, -0.5]);
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert_eq!(decode(b"OggS...."), Err(WavError::NotWave));
        let mut eight_bit = wav(1, 8000, &[0], None);
        eight_bit[34] = 8;
        assert_eq!(
            decode(&eight_bit),
            Err(WavError::Unsupported { format: 1, bits: 8 })
        );
        let header_only = &wav(1, 8000, &[], None)[..36];
        assert_eq!(decode(header_only), Err(WavError::NoData));
    }
}
