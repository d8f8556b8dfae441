#pragma once

#include "plexus/geometry/probes/EegMontage.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace plexus::geometry {

/**
 * @brief Reads EEG montage files into an EegMontage (millimetres).
 *
 * Formats (as shipped with MNE-Python under mne/channels/data/montages/):
 * - `.elc` (ASA): `UnitPosition mm|cm|m`, `NumberPositions= N`, a `Positions` section of N
 *   lines `x y z` (or `label : x y z`), then a `Labels` section of N names. Coordinates are
 *   converted to mm and not rescaled. Labels Nz/Nasion, LPA, RPA become the fiducials.
 * - `.sfp` (BESA/EGI): lines `label x y z`. The format has no unit: the positions are scaled
 *   so that the median distance of all points (fiducials included) from the origin is
 *   Options::headRadiusMm, as MNE does. FidNz, FidT9, FidT10 (also Nz/Nasion, LPA, RPA)
 *   become the fiducials; `headshape` points are skipped.
 * - `.txt` (MNE's theta/phi tables, BioSemi/EasyCap/BrainProducts): a header line
 *   (`Site Theta Phi`), then `label theta phi` in degrees (BESA signs: theta is the signed
 *   polar angle from +z, phi the azimuth from +x); the point is
 *   r (sin theta cos phi, sin theta sin phi, cos theta) with r = Options::headRadiusMm.
 *   Nz, LPA, RPA rows become the fiducials. Fractional angles are kept (MNE 1.3 truncates
 *   them to whole degrees, e.g. biosemi128 A2 at theta 11.5).
 * - `.csd` (EGI "MatLab sphere" table): `//` comments, then
 *   `label theta phi radius x y z off`; x y z are used and scaled like `.sfp`.
 *
 * Lines that are empty or start with '#' (elc, sfp, txt) are skipped. Errors name "file:line"
 * (wrong field counts, bad numbers, repeated labels, counts that disagree with
 * NumberPositions, unknown units).
 */
class MontageReader {
public:
    /// Montage file formats.
    enum class Format { Unknown, Elc, Sfp, ThetaPhiTxt, Csd };

    /// Reading options.
    struct Options {
        /// Head radius (mm) for spherical (.txt) files and for rescaling unitless files
        /// (.sfp, .csd); MNE's default head size is 95 mm.
        double headRadiusMm = 95.0;
    };

    /// The format named by @p path's extension (case-insensitive).
    static Format detect(const std::filesystem::path& path);
    /// File-dialog patterns of the readable formats: "*.elc", "*.sfp", "*.txt", "*.csd".
    static std::vector<std::string> readablePatterns();

    /// Reads @p path in the format detect() finds; throws core::Error naming the file for an
    /// unknown extension.
    static EegMontage read(const std::filesystem::path& path, const Options& options);
    /// read() with the default Options.
    static EegMontage read(const std::filesystem::path& path);

    /// Parses ASA .elc text; @p sourceName names it in errors.
    static EegMontage parseElc(std::string_view text, const std::string& sourceName);
    /// Parses BESA/EGI .sfp text.
    static EegMontage parseSfp(std::string_view text, const std::string& sourceName,
                               const Options& options);
    /// Parses a theta/phi .txt table.
    static EegMontage parseThetaPhi(std::string_view text, const std::string& sourceName,
                                    const Options& options);
    /// Parses an EGI .csd table.
    static EegMontage parseCsd(std::string_view text, const std::string& sourceName,
                               const Options& options);
};

} // namespace plexus::geometry
