#pragma once

#include <array>
#include <optional>
#include <vector>

namespace nqi::planners::satellite {

/// Mean orbital elements as a TLE (or a generated Walker shell) gives them, in SGP4's units.
struct MeanElements
{
    int satnum = 0;
    double epochJd = 0.0;         ///< Julian date of the epoch, whole part (UTC)
    double epochJdFraction = 0.0; ///< and fraction
    double bstar = 0.0;           ///< drag term, 1/earth radii
    double ndot = 0.0;  ///< first derivative of mean motion / 2, rad/min² (unused by SGP4)
    double nddot = 0.0; ///< second derivative / 6, rad/min³ (unused by SGP4)
    double eccentricity = 0.0;
    double argPerigeeRad = 0.0;
    double inclinationRad = 0.0;
    double meanAnomalyRad = 0.0;
    double meanMotionRadPerMin = 0.0; ///< Kozai mean motion as in a TLE
    double raanRad = 0.0;             ///< right ascension of the ascending node

    double epochJulian() const { return epochJd + epochJdFraction; }
};

/// Why SGP4 stopped, numbered as in Spacetrack Report #3 and Vallado et al. (2006).
enum class Sgp4Error {
    None = 0,
    MeanEccentricity = 1,      ///< mean eccentricity out of [-0.001, 1)
    MeanMotion = 2,            ///< mean motion not positive
    PerturbedEccentricity = 3, ///< eccentricity out of [0, 1] after lunar-solar periodics
    SemiLatusRectum = 4,       ///< semi-latus rectum negative
    Decayed = 6,               ///< orbit radius below one Earth radius
};

const char *errorText(Sgp4Error error);

/// Position and velocity in the TEME frame, km and km/s.
struct State
{
    std::array<double, 3> r{};
    std::array<double, 3> v{};
};

/**
 * One satellite under SGP4/SDP4: Spacetrack Report #3 as revised by Vallado, Crawford, Hujsak
 * and Kelso, "Revisiting Spacetrack Report #3" (AIAA 2006-6753), WGS72 constants, the improved
 * operation mode. Initialised once from the mean elements; propagate() is const and thread
 * safe (the deep-space resonance integrator restarts from the epoch on every call, which gives
 * the same steps as continuing it).
 */
class Sgp4
{
public:
    explicit Sgp4(const MeanElements &elements);

    const MeanElements &elements() const { return m_elements; }

    /// The error propagating to the epoch gave (None for a usable satellite).
    Sgp4Error initError() const { return m_initError; }

    /// State at minutes since the epoch; returns why it failed, leaving state untouched.
    Sgp4Error propagate(double minutesSinceEpoch, State &state) const;

    /// True for SDP4 (orbital period of 225 minutes or more).
    bool isDeepSpace() const { return m_deepSpace; }

    /// Semi-major axis from the un-Kozai'd mean motion, km.
    double semiMajorAxisKm() const;

    /**
     * The satellite's secularly advanced mean orbit, for a cheap first look at where it is
     * (no periodics, eccentricity ignored): argument of latitude u(t) = u0 + uRate t + n0 (c2 t²
     * + c3 t³ + c4 t⁴ + c5 t⁵) and node(t) = node0 + nodeRate t + nodeT2 t² (t in minutes since
     * the epoch; radians). The direction from these and the inclination is within
     * roughAngleErrorRad() of the true one. Near-Earth satellites only (nullopt for deep space).
     */
    struct MeanOrbit
    {
        double u0, uRate, n0, c2, c3, c4, c5, node0, nodeRate, nodeT2, sinI, cosI;
    };
    std::optional<MeanOrbit> meanOrbit() const;
    double roughAngleErrorRad() const;

private:
    struct DeepSpace;
    void initialise();
    void initialiseDeepSpace(double epoch, double tsi, double xpidot, double eccsq);

    MeanElements m_elements;
    Sgp4Error m_initError = Sgp4Error::None;
    bool m_deepSpace = false;
    bool m_simple = false; ///< isimp: perigee below 220 km, truncated drag terms

    double m_noUnkozai = 0.0;
    double m_aycof = 0, m_con41 = 0, m_cc1 = 0, m_cc4 = 0, m_cc5 = 0, m_d2 = 0, m_d3 = 0, m_d4 = 0;
    double m_delmo = 0, m_eta = 0, m_argpdot = 0, m_omgcof = 0, m_sinmao = 0, m_t2cof = 0;
    double m_t3cof = 0, m_t4cof = 0, m_t5cof = 0, m_x1mth2 = 0, m_x7thm1 = 0, m_mdot = 0;
    double m_sinInclination = 0, m_cosInclination = 1; // for meanOrbit
    double m_nodedot = 0, m_xlcof = 0, m_xmcof = 0, m_nodecf = 0, m_gsto = 0;

    // Deep space (lunar-solar and resonance) terms.
    int m_irez = 0;
    double m_d2201 = 0, m_d2211 = 0, m_d3210 = 0, m_d3222 = 0, m_d4410 = 0, m_d4422 = 0;
    double m_d5220 = 0, m_d5232 = 0, m_d5421 = 0, m_d5433 = 0, m_dedt = 0, m_del1 = 0;
    double m_del2 = 0, m_del3 = 0, m_didt = 0, m_dmdt = 0, m_dnodt = 0, m_domdt = 0;
    double m_e3 = 0, m_ee2 = 0, m_peo = 0, m_pgho = 0, m_pho = 0, m_pinco = 0, m_plo = 0;
    double m_se2 = 0, m_se3 = 0, m_sgh2 = 0, m_sgh3 = 0, m_sgh4 = 0, m_sh2 = 0, m_sh3 = 0;
    double m_si2 = 0, m_si3 = 0, m_sl2 = 0, m_sl3 = 0, m_sl4 = 0, m_xfact = 0, m_xgh2 = 0;
    double m_xgh3 = 0, m_xgh4 = 0, m_xh2 = 0, m_xh3 = 0, m_xi2 = 0, m_xi3 = 0, m_xl2 = 0;
    double m_xl3 = 0, m_xl4 = 0, m_xlamo = 0, m_zmol = 0, m_zmos = 0;
};

/// States at a series of times; stops at the first error.
struct Ephemeris
{
    std::vector<double> minutes;
    std::vector<State> states;
    Sgp4Error error = Sgp4Error::None;
    double errorMinutes = 0.0; ///< when error is set
};

/// Times one tabulation gives at most (checked before any is computed).
inline constexpr int kMaxTabulatedTimes = 1'000'000;

/**
 * The epoch, then start, start + step, ... up to stop (stop itself always included; the epoch
 * not repeated when start is 0), ending at the first error: the series Vallado's verification
 * driver prints (tcppver.out). Throws core::Failure when that is more than
 * kMaxTabulatedTimes times.
 */
Ephemeris
tabulate(const Sgp4 &satellite, double startMinutes, double stopMinutes, double stepMinutes);

/// WGS72 as SGP4 uses it.
namespace wgs72 {
inline constexpr double muKm3PerS2 = 398600.8;
inline constexpr double radiusKm = 6378.135;
inline constexpr double j2 = 0.001082616;
inline constexpr double j3 = -0.00000253881;
inline constexpr double j4 = -0.00000165597;
} // namespace wgs72

/// Greenwich mean sidereal time (IAU 1982) at a UT1 Julian date, radians in [0, 2π).
double gmst(double julianDateUt1);

/// Julian date of a calendar date and time (valid 1900..2100), whole part and fraction.
void julianDate(int year,
                int month,
                int day,
                int hour,
                int minute,
                double second,
                double &jd,
                double &fraction);

} // namespace nqi::planners::satellite
