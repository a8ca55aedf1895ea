#include "planners/satellite/sgp4.h"

#include "core/model/diagnostic.h"
#include "core/model/numbers.h"

#include <algorithm>
#include <cmath>
#include <numbers>

// The structure and variable names follow the published algorithm (Vallado et al. 2006,
// "Revisiting Spacetrack Report #3"), so that each step can be checked against the paper.

namespace nqi::planners::satellite {

namespace {

constexpr double pi = std::numbers::pi;
constexpr double twoPi = 2.0 * pi;
constexpr double x2o3 = 2.0 / 3.0;
const double xke =
    60.0 / std::sqrt(wgs72::radiusKm * wgs72::radiusKm * wgs72::radiusKm / wgs72::muKm3PerS2);
constexpr double j3oj2 = wgs72::j3 / wgs72::j2;
constexpr double temp4 = 1.5e-12; // divisor guard for inclinations of 180 degrees

/// Angle reduced to [0, 2π), as the reference implementations reduce the mean anomaly, the
/// Kepler starting point and the lunar-solar angles.
inline double wrap(double angle)
{
    return angle - twoPi * std::floor(angle / twoPi);
}

/// Lunar-solar terms common to deep-space initialisation (dscom).
struct Dscom
{
    double snodm, cnodm, sinim, cosim, sinomm, cosomm, day, e3, ee2, em, emsq, gam, peo, pgho, pho,
        pinco, plo, rtemsq, se2, se3, sgh2, sgh3, sgh4, sh2, sh3, si2, si3, sl2, sl3, sl4, s1, s2,
        s3, s4, s5, s6, s7, ss1, ss2, ss3, ss4, ss5, ss6, ss7, sz1, sz2, sz3, sz11, sz12, sz13,
        sz21, sz22, sz23, sz31, sz32, sz33, xgh2, xgh3, xgh4, xh2, xh3, xi2, xi3, xl2, xl3, xl4, nm,
        z1, z2, z3, z11, z12, z13, z21, z22, z23, z31, z32, z33, zmol, zmos;
};

Dscom dscom(double epoch, double ep, double argpp, double tc, double inclp, double nodep, double np)
{
    constexpr double zes = 0.01675, zel = 0.05490, c1ss = 2.9864797e-6, c1l = 4.7968065e-7;
    constexpr double zsinis = 0.39785416, zcosis = 0.91744867, zcosgs = 0.1945905,
                     zsings = -0.98088458;
    Dscom d{};
    d.nm = np;
    d.em = ep;
    d.snodm = std::sin(nodep);
    d.cnodm = std::cos(nodep);
    d.sinomm = std::sin(argpp);
    d.cosomm = std::cos(argpp);
    d.sinim = std::sin(inclp);
    d.cosim = std::cos(inclp);
    d.emsq = d.em * d.em;
    const double betasq = 1.0 - d.emsq;
    d.rtemsq = std::sqrt(betasq);

    d.peo = d.pinco = d.plo = d.pgho = d.pho = 0.0;
    d.day = epoch + 18261.5 + tc / 1440.0;
    const double xnodce = wrap(4.5236020 - 9.2422029e-4 * d.day);
    const double stem = std::sin(xnodce), ctem = std::cos(xnodce);
    const double zcosil = 0.91375164 - 0.03568096 * ctem;
    const double zsinil = std::sqrt(1.0 - zcosil * zcosil);
    const double zsinhl = 0.089683511 * stem / zsinil;
    const double zcoshl = std::sqrt(1.0 - zsinhl * zsinhl);
    d.gam = 5.8351514 + 0.0019443680 * d.day;
    double zx = 0.39785416 * stem / zsinil;
    const double zy = zcoshl * ctem + 0.91744867 * zsinhl * stem;
    zx = std::atan2(zx, zy);
    zx = d.gam + zx - xnodce;
    const double zcosgl = std::cos(zx), zsingl = std::sin(zx);

    double zcosg = zcosgs, zsing = zsings, zcosi = zcosis, zsini = zsinis;
    double zcosh = d.cnodm, zsinh = d.snodm, cc = c1ss;
    const double xnoi = 1.0 / d.nm;
    for (int lsflg = 1; lsflg <= 2; ++lsflg) {
        const double a1 = zcosg * zcosh + zsing * zcosi * zsinh;
        const double a3 = -zsing * zcosh + zcosg * zcosi * zsinh;
        const double a7 = -zcosg * zsinh + zsing * zcosi * zcosh;
        const double a8 = zsing * zsini;
        const double a9 = zsing * zsinh + zcosg * zcosi * zcosh;
        const double a10 = zcosg * zsini;
        const double a2 = d.cosim * a7 + d.sinim * a8;
        const double a4 = d.cosim * a9 + d.sinim * a10;
        const double a5 = -d.sinim * a7 + d.cosim * a8;
        const double a6 = -d.sinim * a9 + d.cosim * a10;

        const double x1 = a1 * d.cosomm + a2 * d.sinomm;
        const double x2 = a3 * d.cosomm + a4 * d.sinomm;
        const double x3 = -a1 * d.sinomm + a2 * d.cosomm;
        const double x4 = -a3 * d.sinomm + a4 * d.cosomm;
        const double x5 = a5 * d.sinomm;
        const double x6 = a6 * d.sinomm;
        const double x7 = a5 * d.cosomm;
        const double x8 = a6 * d.cosomm;

        d.z31 = 12.0 * x1 * x1 - 3.0 * x3 * x3;
        d.z32 = 24.0 * x1 * x2 - 6.0 * x3 * x4;
        d.z33 = 12.0 * x2 * x2 - 3.0 * x4 * x4;
        d.z1 = 3.0 * (a1 * a1 + a2 * a2) + d.z31 * d.emsq;
        d.z2 = 6.0 * (a1 * a3 + a2 * a4) + d.z32 * d.emsq;
        d.z3 = 3.0 * (a3 * a3 + a4 * a4) + d.z33 * d.emsq;
        d.z11 = -6.0 * a1 * a5 + d.emsq * (-24.0 * x1 * x7 - 6.0 * x3 * x5);
        d.z12 = -6.0 * (a1 * a6 + a3 * a5) +
                d.emsq * (-24.0 * (x2 * x7 + x1 * x8) - 6.0 * (x3 * x6 + x4 * x5));
        d.z13 = -6.0 * a3 * a6 + d.emsq * (-24.0 * x2 * x8 - 6.0 * x4 * x6);
        d.z21 = 6.0 * a2 * a5 + d.emsq * (24.0 * x1 * x5 - 6.0 * x3 * x7);
        d.z22 = 6.0 * (a4 * a5 + a2 * a6) +
                d.emsq * (24.0 * (x2 * x5 + x1 * x6) - 6.0 * (x4 * x7 + x3 * x8));
        d.z23 = 6.0 * a4 * a6 + d.emsq * (24.0 * x2 * x6 - 6.0 * x4 * x8);
        d.z1 = d.z1 + d.z1 + betasq * d.z31;
        d.z2 = d.z2 + d.z2 + betasq * d.z32;
        d.z3 = d.z3 + d.z3 + betasq * d.z33;
        d.s3 = cc * xnoi;
        d.s2 = -0.5 * d.s3 / d.rtemsq;
        d.s4 = d.s3 * d.rtemsq;
        d.s1 = -15.0 * d.em * d.s4;
        d.s5 = x1 * x3 + x2 * x4;
        d.s6 = x2 * x3 + x1 * x4;
        d.s7 = x2 * x4 - x1 * x3;

        if (lsflg == 1) { // solar terms kept, lunar ones follow
            d.ss1 = d.s1;
            d.ss2 = d.s2;
            d.ss3 = d.s3;
            d.ss4 = d.s4;
            d.ss5 = d.s5;
            d.ss6 = d.s6;
            d.ss7 = d.s7;
            d.sz1 = d.z1;
            d.sz2 = d.z2;
            d.sz3 = d.z3;
            d.sz11 = d.z11;
            d.sz12 = d.z12;
            d.sz13 = d.z13;
            d.sz21 = d.z21;
            d.sz22 = d.z22;
            d.sz23 = d.z23;
            d.sz31 = d.z31;
            d.sz32 = d.z32;
            d.sz33 = d.z33;
            zcosg = zcosgl;
            zsing = zsingl;
            zcosi = zcosil;
            zsini = zsinil;
            zcosh = zcoshl * d.cnodm + zsinhl * d.snodm;
            zsinh = d.snodm * zcoshl - d.cnodm * zsinhl;
            cc = c1l;
        }
    }

    d.zmol = wrap(4.7199672 + 0.22997150 * d.day - d.gam);
    d.zmos = wrap(6.2565837 + 0.017201977 * d.day);

    d.se2 = 2.0 * d.ss1 * d.ss6;
    d.se3 = 2.0 * d.ss1 * d.ss7;
    d.si2 = 2.0 * d.ss2 * d.sz12;
    d.si3 = 2.0 * d.ss2 * (d.sz13 - d.sz11);
    d.sl2 = -2.0 * d.ss3 * d.sz2;
    d.sl3 = -2.0 * d.ss3 * (d.sz3 - d.sz1);
    d.sl4 = -2.0 * d.ss3 * (-21.0 - 9.0 * d.emsq) * zes;
    d.sgh2 = 2.0 * d.ss4 * d.sz32;
    d.sgh3 = 2.0 * d.ss4 * (d.sz33 - d.sz31);
    d.sgh4 = -18.0 * d.ss4 * zes;
    d.sh2 = -2.0 * d.ss2 * d.sz22;
    d.sh3 = -2.0 * d.ss2 * (d.sz23 - d.sz21);

    d.ee2 = 2.0 * d.s1 * d.s6;
    d.e3 = 2.0 * d.s1 * d.s7;
    d.xi2 = 2.0 * d.s2 * d.z12;
    d.xi3 = 2.0 * d.s2 * (d.z13 - d.z11);
    d.xl2 = -2.0 * d.s3 * d.z2;
    d.xl3 = -2.0 * d.s3 * (d.z3 - d.z1);
    d.xl4 = -2.0 * d.s3 * (-21.0 - 9.0 * d.emsq) * zel;
    d.xgh2 = 2.0 * d.s4 * d.z32;
    d.xgh3 = 2.0 * d.s4 * (d.z33 - d.z31);
    d.xgh4 = -18.0 * d.s4 * zel;
    d.xh2 = -2.0 * d.s2 * d.z22;
    d.xh3 = -2.0 * d.s2 * (d.z23 - d.z21);
    return d;
}

} // namespace

const char *errorText(Sgp4Error error)
{
    switch (error) {
    case Sgp4Error::None:
        return "no error";
    case Sgp4Error::MeanEccentricity:
        return "mean eccentricity out of range 0 <= e < 1";
    case Sgp4Error::MeanMotion:
        return "mean motion not positive";
    case Sgp4Error::PerturbedEccentricity:
        return "perturbed eccentricity out of range 0 <= e <= 1";
    case Sgp4Error::SemiLatusRectum:
        return "semi-latus rectum negative";
    case Sgp4Error::Decayed:
        return "orbit radius below the Earth's surface: the satellite has decayed";
    }
    return "unknown error";
}

double gmst(double julianDateUt1)
{
    const double tut1 = (julianDateUt1 - 2451545.0) / 36525.0;
    double temp = -6.2e-6 * tut1 * tut1 * tut1 + 0.093104 * tut1 * tut1 +
                  (876600.0 * 3600 + 8640184.812866) * tut1 + 67310.54841; // seconds
    temp = std::fmod(temp * (pi / 180.0) / 240.0, twoPi);
    if (temp < 0.0)
        temp += twoPi;
    return temp;
}

void julianDate(
    int year, int month, int day, int hour, int minute, double second, double &jd, double &fraction)
{
    jd = 367.0 * year - std::floor((7 * (year + std::floor((month + 9) / 12.0))) * 0.25) +
         std::floor(275 * month / 9.0) + day + 1721013.5;
    fraction = (second + minute * 60.0 + hour * 3600.0) / 86400.0;
    if (std::fabs(fraction) > 1.0) { // carry whole days into the first part
        const double days = std::floor(fraction);
        jd += days;
        fraction -= days;
    }
}

Sgp4::Sgp4(const MeanElements &elements)
    : m_elements(elements)
{
    initialise();
}

double Sgp4::semiMajorAxisKm() const
{
    return std::pow(xke / m_noUnkozai, x2o3) * wgs72::radiusKm;
}

void Sgp4::initialise()
{
    const MeanElements &e = m_elements;
    const double epoch = e.epochJd + e.epochJdFraction - 2433281.5; // days since 1950 Jan 0
    const double ss = 78.0 / wgs72::radiusKm + 1.0;
    const double qzms2ttemp = (120.0 - 78.0) / wgs72::radiusKm;
    const double qzms2t = qzms2ttemp * qzms2ttemp * qzms2ttemp * qzms2ttemp;

    // initl: un-Kozai the mean motion, auxiliary epoch quantities.
    const double ecco = e.eccentricity;
    const double eccsq = ecco * ecco;
    const double omeosq = 1.0 - eccsq;
    const double rteosq = std::sqrt(omeosq);
    const double cosio = std::cos(e.inclinationRad);
    const double cosio2 = cosio * cosio;
    const double ak = std::pow(xke / e.meanMotionRadPerMin, x2o3);
    const double d1 = 0.75 * wgs72::j2 * (3.0 * cosio2 - 1.0) / (rteosq * omeosq);
    double del = d1 / (ak * ak);
    const double adel = ak * (1.0 - del * del - del * (1.0 / 3.0 + 134.0 * del * del / 81.0));
    del = d1 / (adel * adel);
    m_noUnkozai = e.meanMotionRadPerMin / (1.0 + del);
    const double ao = std::pow(xke / m_noUnkozai, x2o3);
    const double sinio = std::sin(e.inclinationRad);
    m_sinInclination = sinio;
    m_cosInclination = cosio;
    const double po = ao * omeosq;
    const double con42 = 1.0 - 5.0 * cosio2;
    m_con41 = -con42 - cosio2 - cosio2;
    const double posq = po * po;
    const double rp = ao * (1.0 - ecco);
    m_gsto = gmst(epoch + 2433281.5);

    if (omeosq >= 0.0 || m_noUnkozai >= 0.0) {
        m_simple = rp < (220.0 / wgs72::radiusKm + 1.0);
        double sfour = ss;
        double qzms24 = qzms2t;
        const double perige = (rp - 1.0) * wgs72::radiusKm;
        if (perige < 156.0) { // perigees below 156 km alter s and qoms2t
            sfour = perige - 78.0;
            if (perige < 98.0)
                sfour = 20.0;
            const double qzms24temp = (120.0 - sfour) / wgs72::radiusKm;
            qzms24 = qzms24temp * qzms24temp * qzms24temp * qzms24temp;
            sfour = sfour / wgs72::radiusKm + 1.0;
        }
        const double pinvsq = 1.0 / posq;
        const double tsi = 1.0 / (ao - sfour);
        m_eta = ao * ecco * tsi;
        const double etasq = m_eta * m_eta;
        const double eeta = ecco * m_eta;
        const double psisq = std::fabs(1.0 - etasq);
        const double coef = qzms24 * std::pow(tsi, 4.0);
        const double coef1 = coef / std::pow(psisq, 3.5);
        const double cc2 =
            coef1 * m_noUnkozai *
            (ao * (1.0 + 1.5 * etasq + eeta * (4.0 + etasq)) +
             0.375 * wgs72::j2 * tsi / psisq * m_con41 * (8.0 + 3.0 * etasq * (8.0 + etasq)));
        m_cc1 = e.bstar * cc2;
        double cc3 = 0.0;
        if (ecco > 1.0e-4)
            cc3 = -2.0 * coef * tsi * j3oj2 * m_noUnkozai * sinio / ecco;
        m_x1mth2 = 1.0 - cosio2;
        m_cc4 = 2.0 * m_noUnkozai * coef1 * ao * omeosq *
                (m_eta * (2.0 + 0.5 * etasq) + ecco * (0.5 + 2.0 * etasq) -
                 wgs72::j2 * tsi / (ao * psisq) *
                     (-3.0 * m_con41 * (1.0 - 2.0 * eeta + etasq * (1.5 - 0.5 * eeta)) +
                      0.75 * m_x1mth2 * (2.0 * etasq - eeta * (1.0 + etasq)) *
                          std::cos(2.0 * e.argPerigeeRad)));
        m_cc5 = 2.0 * coef1 * ao * omeosq * (1.0 + 2.75 * (etasq + eeta) + eeta * etasq);
        const double cosio4 = cosio2 * cosio2;
        const double temp1 = 1.5 * wgs72::j2 * pinvsq * m_noUnkozai;
        const double temp2 = 0.5 * temp1 * wgs72::j2 * pinvsq;
        const double temp3 = -0.46875 * wgs72::j4 * pinvsq * pinvsq * m_noUnkozai;
        m_mdot = m_noUnkozai + 0.5 * temp1 * rteosq * m_con41 +
                 0.0625 * temp2 * rteosq * (13.0 - 78.0 * cosio2 + 137.0 * cosio4);
        m_argpdot = -0.5 * temp1 * con42 +
                    0.0625 * temp2 * (7.0 - 114.0 * cosio2 + 395.0 * cosio4) +
                    temp3 * (3.0 - 36.0 * cosio2 + 49.0 * cosio4);
        const double xhdot1 = -temp1 * cosio;
        m_nodedot =
            xhdot1 +
            (0.5 * temp2 * (4.0 - 19.0 * cosio2) + 2.0 * temp3 * (3.0 - 7.0 * cosio2)) * cosio;
        const double xpidot = m_argpdot + m_nodedot;
        m_omgcof = e.bstar * cc3 * std::cos(e.argPerigeeRad);
        m_xmcof = 0.0;
        if (ecco > 1.0e-4)
            m_xmcof = -x2o3 * coef * e.bstar / eeta;
        m_nodecf = 3.5 * omeosq * xhdot1 * m_cc1;
        m_t2cof = 1.5 * m_cc1;
        if (std::fabs(cosio + 1.0) > 1.5e-12)
            m_xlcof = -0.25 * j3oj2 * sinio * (3.0 + 5.0 * cosio) / (1.0 + cosio);
        else
            m_xlcof = -0.25 * j3oj2 * sinio * (3.0 + 5.0 * cosio) / temp4;
        m_aycof = -0.5 * j3oj2 * sinio;
        const double delmotemp = 1.0 + m_eta * std::cos(e.meanAnomalyRad);
        m_delmo = delmotemp * delmotemp * delmotemp;
        m_sinmao = std::sin(e.meanAnomalyRad);
        m_x7thm1 = 7.0 * cosio2 - 1.0;

        if (twoPi / m_noUnkozai >= 225.0) {
            m_deepSpace = true;
            m_simple = true;
            initialiseDeepSpace(epoch, tsi, xpidot, eccsq);
        }

        if (!m_simple) {
            const double cc1sq = m_cc1 * m_cc1;
            m_d2 = 4.0 * ao * tsi * cc1sq;
            const double temp = m_d2 * tsi * m_cc1 / 3.0;
            m_d3 = (17.0 * ao + sfour) * temp;
            m_d4 = 0.5 * temp * ao * tsi * (221.0 * ao + 31.0 * sfour) * m_cc1;
            m_t3cof = m_d2 + 2.0 * cc1sq;
            m_t4cof = 0.25 * (3.0 * m_d3 + m_cc1 * (12.0 * m_d2 + 10.0 * cc1sq));
            m_t5cof = 0.2 * (3.0 * m_d4 + 12.0 * m_cc1 * m_d3 + 6.0 * m_d2 * m_d2 +
                             15.0 * cc1sq * (2.0 * m_d2 + cc1sq));
        }
    }

    State state;
    m_initError = propagate(0.0, state);
}

void Sgp4::initialiseDeepSpace(double epoch, double tsi, double xpidot, double eccsq)
{
    (void)tsi;
    const MeanElements &e = m_elements;
    const double tc = 0.0;
    const Dscom d =
        dscom(epoch, e.eccentricity, e.argPerigeeRad, tc, e.inclinationRad, e.raanRad, m_noUnkozai);
    m_e3 = d.e3;
    m_ee2 = d.ee2;
    m_peo = d.peo;
    m_pgho = d.pgho;
    m_pho = d.pho;
    m_pinco = d.pinco;
    m_plo = d.plo;
    m_se2 = d.se2;
    m_se3 = d.se3;
    m_sgh2 = d.sgh2;
    m_sgh3 = d.sgh3;
    m_sgh4 = d.sgh4;
    m_sh2 = d.sh2;
    m_sh3 = d.sh3;
    m_si2 = d.si2;
    m_si3 = d.si3;
    m_sl2 = d.sl2;
    m_sl3 = d.sl3;
    m_sl4 = d.sl4;
    m_xgh2 = d.xgh2;
    m_xgh3 = d.xgh3;
    m_xgh4 = d.xgh4;
    m_xh2 = d.xh2;
    m_xh3 = d.xh3;
    m_xi2 = d.xi2;
    m_xi3 = d.xi3;
    m_xl2 = d.xl2;
    m_xl3 = d.xl3;
    m_xl4 = d.xl4;
    m_zmol = d.zmol;
    m_zmos = d.zmos;
    // dpper at initialisation (t = 0, init) changes nothing: its periodics are subtracted later.

    // dsinit
    constexpr double q22 = 1.7891679e-6, q31 = 2.1460748e-6, q33 = 2.2123015e-7;
    constexpr double root22 = 1.7891679e-6, root44 = 7.3636953e-9, root54 = 2.1765803e-9;
    constexpr double rptim = 4.37526908801129966e-3; // 7.29211514668855e-5 rad/s
    constexpr double root32 = 3.7393792e-7, root52 = 1.1428639e-7;
    constexpr double znl = 1.5835218e-4, zns = 1.19459e-5;

    const double cosim = d.cosim, sinim = d.sinim;
    double emsq = d.emsq;
    double em = d.em;
    double nm = d.nm;
    double inclm = e.inclinationRad;

    m_irez = 0;
    if (nm < 0.0052359877 && nm > 0.0034906585)
        m_irez = 1;
    if (nm >= 8.26e-3 && nm <= 9.24e-3 && em >= 0.5)
        m_irez = 2;

    const double ses = d.ss1 * zns * d.ss5;
    const double sis = d.ss2 * zns * (d.sz11 + d.sz13);
    const double sls = -zns * d.ss3 * (d.sz1 + d.sz3 - 14.0 - 6.0 * emsq);
    const double sghs = d.ss4 * zns * (d.sz31 + d.sz33 - 6.0);
    double shs = -zns * d.ss2 * (d.sz21 + d.sz23);
    if (inclm < 5.2359877e-2 || inclm > pi - 5.2359877e-2)
        shs = 0.0;
    if (sinim != 0.0)
        shs = shs / sinim;
    const double sgs = sghs - cosim * shs;

    m_dedt = ses + d.s1 * znl * d.s5;
    m_didt = sis + d.s2 * znl * (d.z11 + d.z13);
    m_dmdt = sls - znl * d.s3 * (d.z1 + d.z3 - 14.0 - 6.0 * emsq);
    const double sghl = d.s4 * znl * (d.z31 + d.z33 - 6.0);
    double shll = -znl * d.s2 * (d.z21 + d.z23);
    if (inclm < 5.2359877e-2 || inclm > pi - 5.2359877e-2)
        shll = 0.0;
    m_domdt = sgs + sghl;
    m_dnodt = shs;
    if (sinim != 0.0) {
        m_domdt = m_domdt - cosim / sinim * shll;
        m_dnodt = m_dnodt + shll / sinim;
    }

    const double theta = wrap(m_gsto + tc * rptim);
    // (em, inclm, argpm, nodem and mm advance by their rates times t = 0 here.)

    if (m_irez == 0)
        return;
    const double aonv = std::pow(nm / xke, x2o3);

    if (m_irez == 2) { // geopotential resonance for 12-hour orbits
        const double cosisq = cosim * cosim;
        const double emo = em;
        em = e.eccentricity;
        const double emsqo = emsq;
        emsq = eccsq;
        const double eoc = em * emsq;
        const double g201 = -0.306 - (em - 0.64) * 0.440;
        double g211, g310, g322, g410, g422, g520, g533, g521, g532;
        if (em <= 0.65) {
            g211 = 3.616 - 13.2470 * em + 16.2900 * emsq;
            g310 = -19.302 + 117.3900 * em - 228.4190 * emsq + 156.5910 * eoc;
            g322 = -18.9068 + 109.7927 * em - 214.6334 * emsq + 146.5816 * eoc;
            g410 = -41.122 + 242.6940 * em - 471.0940 * emsq + 313.9530 * eoc;
            g422 = -146.407 + 841.8800 * em - 1629.014 * emsq + 1083.4350 * eoc;
            g520 = -532.114 + 3017.977 * em - 5740.032 * emsq + 3708.2760 * eoc;
        } else {
            g211 = -72.099 + 331.819 * em - 508.738 * emsq + 266.724 * eoc;
            g310 = -346.844 + 1582.851 * em - 2415.925 * emsq + 1246.113 * eoc;
            g322 = -342.585 + 1554.908 * em - 2366.899 * emsq + 1215.972 * eoc;
            g410 = -1052.797 + 4758.686 * em - 7193.992 * emsq + 3651.957 * eoc;
            g422 = -3581.690 + 16178.110 * em - 24462.770 * emsq + 12422.520 * eoc;
            if (em > 0.715)
                g520 = -5149.66 + 29936.92 * em - 54087.36 * emsq + 31324.56 * eoc;
            else
                g520 = 1464.74 - 4664.75 * em + 3763.64 * emsq;
        }
        if (em < 0.7) {
            g533 = -919.22770 + 4988.6100 * em - 9064.7700 * emsq + 5542.21 * eoc;
            g521 = -822.71072 + 4568.6173 * em - 8491.4146 * emsq + 5337.524 * eoc;
            g532 = -853.66600 + 4690.2500 * em - 8624.7700 * emsq + 5341.4 * eoc;
        } else {
            g533 = -37995.780 + 161616.52 * em - 229838.20 * emsq + 109377.94 * eoc;
            g521 = -51752.104 + 218913.95 * em - 309468.16 * emsq + 146349.42 * eoc;
            g532 = -40023.880 + 170470.89 * em - 242699.48 * emsq + 115605.82 * eoc;
        }
        const double sini2 = sinim * sinim;
        const double f220 = 0.75 * (1.0 + 2.0 * cosim + cosisq);
        const double f221 = 1.5 * sini2;
        const double f321 = 1.875 * sinim * (1.0 - 2.0 * cosim - 3.0 * cosisq);
        const double f322 = -1.875 * sinim * (1.0 + 2.0 * cosim - 3.0 * cosisq);
        const double f441 = 35.0 * sini2 * f220;
        const double f442 = 39.3750 * sini2 * sini2;
        const double f522 = 9.84375 * sinim *
                            (sini2 * (1.0 - 2.0 * cosim - 5.0 * cosisq) +
                             0.33333333 * (-2.0 + 4.0 * cosim + 6.0 * cosisq));
        const double f523 = sinim * (4.92187512 * sini2 * (-2.0 - 4.0 * cosim + 10.0 * cosisq) +
                                     6.56250012 * (1.0 + 2.0 * cosim - 3.0 * cosisq));
        const double f542 =
            29.53125 * sinim * (2.0 - 8.0 * cosim + cosisq * (-12.0 + 8.0 * cosim + 10.0 * cosisq));
        const double f543 =
            29.53125 * sinim * (-2.0 - 8.0 * cosim + cosisq * (12.0 + 8.0 * cosim - 10.0 * cosisq));
        const double xno2 = nm * nm;
        const double ainv2 = aonv * aonv;
        double temp1 = 3.0 * xno2 * ainv2;
        double temp = temp1 * root22;
        m_d2201 = temp * f220 * g201;
        m_d2211 = temp * f221 * g211;
        temp1 = temp1 * aonv;
        temp = temp1 * root32;
        m_d3210 = temp * f321 * g310;
        m_d3222 = temp * f322 * g322;
        temp1 = temp1 * aonv;
        temp = 2.0 * temp1 * root44;
        m_d4410 = temp * f441 * g410;
        m_d4422 = temp * f442 * g422;
        temp1 = temp1 * aonv;
        temp = temp1 * root52;
        m_d5220 = temp * f522 * g520;
        m_d5232 = temp * f523 * g532;
        temp = 2.0 * temp1 * root54;
        m_d5421 = temp * f542 * g521;
        m_d5433 = temp * f543 * g533;
        m_xlamo = wrap(e.meanAnomalyRad + e.raanRad + e.raanRad - theta - theta);
        m_xfact = m_mdot + m_dmdt + 2.0 * (m_nodedot + m_dnodt - rptim) - m_noUnkozai;
        em = emo;
        emsq = emsqo;
    }

    if (m_irez == 1) { // synchronous resonance terms
        const double g200 = 1.0 + emsq * (-2.5 + 0.8125 * emsq);
        const double g310 = 1.0 + 2.0 * emsq;
        const double g300 = 1.0 + emsq * (-6.0 + 6.60937 * emsq);
        const double f220 = 0.75 * (1.0 + cosim) * (1.0 + cosim);
        const double f311 = 0.9375 * sinim * sinim * (1.0 + 3.0 * cosim) - 0.75 * (1.0 + cosim);
        double f330 = 1.0 + cosim;
        f330 = 1.875 * f330 * f330 * f330;
        m_del1 = 3.0 * nm * nm * aonv * aonv;
        m_del2 = 2.0 * m_del1 * f220 * g200 * q22;
        m_del3 = 3.0 * m_del1 * f330 * g300 * q33 * aonv;
        m_del1 = m_del1 * f311 * g310 * q31 * aonv;
        m_xlamo = wrap(e.meanAnomalyRad + e.raanRad + e.argPerigeeRad - theta);
        m_xfact = m_mdot + xpidot - rptim + m_dmdt + m_domdt + m_dnodt - m_noUnkozai;
    }
}

std::optional<Sgp4::MeanOrbit> Sgp4::meanOrbit() const
{
    if (m_deepSpace)
        return std::nullopt;
    const MeanElements &e = m_elements;
    // The drag terms of mean anomaly and perigee (delomg, delm) cancel in u = M + omega.
    return MeanOrbit{e.meanAnomalyRad + e.argPerigeeRad,
                     m_mdot + m_argpdot,
                     m_noUnkozai,
                     m_t2cof,
                     m_simple ? 0.0 : m_t3cof,
                     m_simple ? 0.0 : m_t4cof,
                     m_simple ? 0.0 : m_t5cof,
                     e.raanRad,
                     m_nodedot,
                     m_nodecf,
                     m_sinInclination,
                     m_cosInclination};
}

double Sgp4::roughAngleErrorRad() const
{
    // Equation of the centre (2e), short-period J2 terms and the drag and eccentricity terms
    // left out of the mean anomaly (well under a degree for any near-Earth orbit SGP4 keeps):
    // one degree on top.
    const double e = m_elements.eccentricity;
    return 2.0 * e + 3.0 * e * e + std::numbers::pi / 180.0;
}

Sgp4Error Sgp4::propagate(double t, State &state) const
{
    const MeanElements &e = m_elements;
    const double vkmpersec = wgs72::radiusKm * xke / 60.0;

    // Secular gravity and atmospheric drag.
    const double xmdf = e.meanAnomalyRad + m_mdot * t;
    const double argpdf = e.argPerigeeRad + m_argpdot * t;
    const double nodedf = e.raanRad + m_nodedot * t;
    double argpm = argpdf;
    double mm = xmdf;
    const double t2 = t * t;
    double nodem = nodedf + m_nodecf * t2;
    double tempa = 1.0 - m_cc1 * t;
    double tempe = e.bstar * m_cc4 * t;
    double templ = m_t2cof * t2;

    if (!m_simple) {
        const double delomg = m_omgcof * t;
        const double delmtemp = 1.0 + m_eta * std::cos(xmdf);
        const double delm = m_xmcof * (delmtemp * delmtemp * delmtemp - m_delmo);
        const double temp = delomg + delm;
        mm = xmdf + temp;
        argpm = argpdf - temp;
        const double t3 = t2 * t;
        const double t4 = t3 * t;
        tempa = tempa - m_d2 * t2 - m_d3 * t3 - m_d4 * t4;
        tempe = tempe + e.bstar * m_cc5 * (std::sin(mm) - m_sinmao);
        templ = templ + m_t3cof * t3 + t4 * (m_t4cof + t * m_t5cof);
    }

    double nm = m_noUnkozai;
    double em = e.eccentricity;
    double inclm = e.inclinationRad;
    if (m_deepSpace) {
        // dspace: secular lunar-solar rates and the resonance integrator.
        constexpr double fasx2 = 0.13130908, fasx4 = 2.8843198, fasx6 = 0.37448087;
        constexpr double g22 = 5.7686396, g32 = 0.95240898, g44 = 1.8014998, g52 = 1.0508330,
                         g54 = 4.4108898;
        constexpr double rptim = 4.37526908801129966e-3;
        constexpr double stepp = 720.0, stepn = -720.0, step2 = 259200.0;

        const double theta = wrap(m_gsto + t * rptim);
        em = em + m_dedt * t;
        inclm = inclm + m_didt * t;
        argpm = argpm + m_domdt * t;
        nodem = nodem + m_dnodt * t;
        mm = mm + m_dmdt * t;

        if (m_irez != 0) {
            double atime = 0.0;
            double xni = m_noUnkozai;
            double xli = m_xlamo;
            const double delt = t > 0.0 ? stepp : stepn;
            double xndt = 0, xldot = 0, xnddt = 0, ft = 0;
            for (;;) {
                if (m_irez != 2) { // near-synchronous resonance
                    xndt = m_del1 * std::sin(xli - fasx2) + m_del2 * std::sin(2.0 * (xli - fasx4)) +
                           m_del3 * std::sin(3.0 * (xli - fasx6));
                    xldot = xni + m_xfact;
                    xnddt = m_del1 * std::cos(xli - fasx2) +
                            2.0 * m_del2 * std::cos(2.0 * (xli - fasx4)) +
                            3.0 * m_del3 * std::cos(3.0 * (xli - fasx6));
                    xnddt = xnddt * xldot;
                } else { // near half-day resonance
                    const double xomi = e.argPerigeeRad + m_argpdot * atime;
                    const double x2omi = xomi + xomi;
                    const double x2li = xli + xli;
                    xndt = m_d2201 * std::sin(x2omi + xli - g22) + m_d2211 * std::sin(xli - g22) +
                           m_d3210 * std::sin(xomi + xli - g32) +
                           m_d3222 * std::sin(-xomi + xli - g32) +
                           m_d4410 * std::sin(x2omi + x2li - g44) + m_d4422 * std::sin(x2li - g44) +
                           m_d5220 * std::sin(xomi + xli - g52) +
                           m_d5232 * std::sin(-xomi + xli - g52) +
                           m_d5421 * std::sin(xomi + x2li - g54) +
                           m_d5433 * std::sin(-xomi + x2li - g54);
                    xldot = xni + m_xfact;
                    xnddt = m_d2201 * std::cos(x2omi + xli - g22) + m_d2211 * std::cos(xli - g22) +
                            m_d3210 * std::cos(xomi + xli - g32) +
                            m_d3222 * std::cos(-xomi + xli - g32) +
                            m_d5220 * std::cos(xomi + xli - g52) +
                            m_d5232 * std::cos(-xomi + xli - g52) +
                            2.0 * (m_d4410 * std::cos(x2omi + x2li - g44) +
                                   m_d4422 * std::cos(x2li - g44) +
                                   m_d5421 * std::cos(xomi + x2li - g54) +
                                   m_d5433 * std::cos(-xomi + x2li - g54));
                    xnddt = xnddt * xldot;
                }
                if (std::fabs(t - atime) < stepp) {
                    ft = t - atime;
                    break;
                }
                xli = xli + xldot * delt + xndt * step2;
                xni = xni + xndt * delt + xnddt * step2;
                atime = atime + delt;
            }
            nm = xni + xndt * ft + xnddt * ft * ft * 0.5;
            const double xl = xli + xldot * ft + xndt * ft * ft * 0.5;
            if (m_irez != 1)
                mm = xl - 2.0 * nodem + 2.0 * theta;
            else
                mm = xl - nodem - argpm + theta;
            const double dndt = nm - m_noUnkozai;
            nm = m_noUnkozai + dndt;
        }
    }

    if (nm <= 0.0)
        return Sgp4Error::MeanMotion;
    const double ratio = xke / nm;
    const double am = std::cbrt(ratio * ratio) * tempa * tempa; // (xke / nm)^(2/3)
    nm = xke / (am * std::sqrt(am));
    em = em - tempe;
    if (em >= 1.0 || em < -0.001)
        return Sgp4Error::MeanEccentricity;
    if (em < 1.0e-6)
        em = 1.0e-6;
    mm = mm + m_noUnkozai * templ;
    double xlm = mm + argpm + nodem;
    nodem = nodem - twoPi * std::trunc(nodem / twoPi); // fmod, without its exact slow path
    argpm = wrap(argpm);
    xlm = wrap(xlm);
    mm = wrap(xlm - argpm - nodem);

    const double sinim = std::sin(inclm);
    const double cosim = std::cos(inclm);

    // Lunar-solar periodics (dpper).
    double ep = em;
    double xincp = inclm;
    double argpp = argpm;
    double nodep = nodem;
    double mp = mm;
    double sinip = sinim;
    double cosip = cosim;
    double aycof = m_aycof;
    double xlcof = m_xlcof;
    if (m_deepSpace) {
        constexpr double zns = 1.19459e-5, zes = 0.01675, znl = 1.5835218e-4, zel = 0.05490;
        double zm = m_zmos + zns * t;
        double zf = zm + 2.0 * zes * std::sin(zm);
        double sinzf = std::sin(zf);
        double f2 = 0.5 * sinzf * sinzf - 0.25;
        double f3 = -0.5 * sinzf * std::cos(zf);
        const double ses = m_se2 * f2 + m_se3 * f3;
        const double sis = m_si2 * f2 + m_si3 * f3;
        const double sls = m_sl2 * f2 + m_sl3 * f3 + m_sl4 * sinzf;
        const double sghs = m_sgh2 * f2 + m_sgh3 * f3 + m_sgh4 * sinzf;
        const double shs = m_sh2 * f2 + m_sh3 * f3;
        zm = m_zmol + znl * t;
        zf = zm + 2.0 * zel * std::sin(zm);
        sinzf = std::sin(zf);
        f2 = 0.5 * sinzf * sinzf - 0.25;
        f3 = -0.5 * sinzf * std::cos(zf);
        const double sel = m_ee2 * f2 + m_e3 * f3;
        const double sil = m_xi2 * f2 + m_xi3 * f3;
        const double sll = m_xl2 * f2 + m_xl3 * f3 + m_xl4 * sinzf;
        const double sghl = m_xgh2 * f2 + m_xgh3 * f3 + m_xgh4 * sinzf;
        const double shll = m_xh2 * f2 + m_xh3 * f3;
        const double pe = ses + sel - m_peo;
        const double pinc = sis + sil - m_pinco;
        const double pl = sls + sll - m_plo;
        double pgh = sghs + sghl - m_pgho;
        double ph = shs + shll - m_pho;
        xincp = xincp + pinc;
        ep = ep + pe;
        sinip = std::sin(xincp);
        cosip = std::cos(xincp);
        if (xincp >= 0.2) { // apply periodics directly
            ph = ph / sinip;
            pgh = pgh - cosip * ph;
            argpp = argpp + pgh;
            nodep = nodep + ph;
            mp = mp + pl;
        } else { // Lyddane modification
            const double sinop = std::sin(nodep);
            const double cosop = std::cos(nodep);
            double alfdp = sinip * sinop;
            double betdp = sinip * cosop;
            const double dalf = ph * cosop + pinc * cosip * sinop;
            const double dbet = -ph * sinop + pinc * cosip * cosop;
            alfdp = alfdp + dalf;
            betdp = betdp + dbet;
            nodep = std::fmod(nodep, twoPi);
            double xls = mp + argpp + cosip * nodep;
            const double dls = pl + pgh - pinc * nodep * sinip;
            xls = xls + dls;
            const double xnoh = nodep;
            nodep = std::atan2(alfdp, betdp);
            if (std::fabs(xnoh - nodep) > pi) {
                if (nodep < xnoh)
                    nodep = nodep + twoPi;
                else
                    nodep = nodep - twoPi;
            }
            mp = mp + pl;
            argpp = xls - mp - cosip * nodep;
        }
        if (xincp < 0.0) {
            xincp = -xincp;
            nodep = nodep + pi;
            argpp = argpp - pi;
        }
        if (ep < 0.0 || ep > 1.0)
            return Sgp4Error::PerturbedEccentricity;

        // Long-period periodics with the perturbed inclination.
        sinip = std::sin(xincp);
        cosip = std::cos(xincp);
        aycof = -0.5 * j3oj2 * sinip;
        if (std::fabs(cosip + 1.0) > 1.5e-12)
            xlcof = -0.25 * j3oj2 * sinip * (3.0 + 5.0 * cosip) / (1.0 + cosip);
        else
            xlcof = -0.25 * j3oj2 * sinip * (3.0 + 5.0 * cosip) / temp4;
    }
    const double axnl = ep * std::cos(argpp);
    double temp = 1.0 / (am * (1.0 - ep * ep));
    const double aynl = ep * std::sin(argpp) + temp * aycof;
    const double xl = mp + argpp + nodep + temp * xlcof * axnl;

    // Kepler's equation.
    const double u = wrap(xl - nodep);
    double eo1 = u;
    double tem5 = 9999.9;
    double sineo1 = 0.0, coseo1 = 0.0;
    for (int ktr = 1; std::fabs(tem5) >= 1.0e-12 && ktr <= 10; ++ktr) {
        sineo1 = std::sin(eo1);
        coseo1 = std::cos(eo1);
        tem5 = 1.0 - coseo1 * axnl - sineo1 * aynl;
        tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
        if (std::fabs(tem5) >= 0.95)
            tem5 = tem5 > 0.0 ? 0.95 : -0.95;
        eo1 = eo1 + tem5;
    }

    // Short-period preliminary quantities.
    const double ecose = axnl * coseo1 + aynl * sineo1;
    const double esine = axnl * sineo1 - aynl * coseo1;
    const double el2 = axnl * axnl + aynl * aynl;
    const double pl = am * (1.0 - el2);
    if (pl < 0.0)
        return Sgp4Error::SemiLatusRectum;
    const double rl = am * (1.0 - ecose);
    const double rdotl = std::sqrt(am) * esine / rl;
    const double rvdotl = std::sqrt(pl) / rl;
    const double betal = std::sqrt(1.0 - el2);
    temp = esine / (1.0 + betal);
    const double sinu = am / rl * (sineo1 - aynl - axnl * temp);
    const double cosu = am / rl * (coseo1 - axnl + aynl * temp);
    double su = std::atan2(sinu, cosu);
    const double sin2u = (cosu + cosu) * sinu;
    const double cos2u = 1.0 - 2.0 * sinu * sinu;
    temp = 1.0 / pl;
    const double temp1 = 0.5 * wgs72::j2 * temp;
    const double temp2 = temp1 * temp;

    double con41 = m_con41, x1mth2 = m_x1mth2, x7thm1 = m_x7thm1;
    if (m_deepSpace) {
        const double cosisq = cosip * cosip;
        con41 = 3.0 * cosisq - 1.0;
        x1mth2 = 1.0 - cosisq;
        x7thm1 = 7.0 * cosisq - 1.0;
    }
    const double mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
    su = su - 0.25 * temp2 * x7thm1 * sin2u;
    const double xnode = nodep + 1.5 * temp2 * cosip * sin2u;
    const double xinc = xincp + 1.5 * temp2 * cosip * sinip * cos2u;
    const double mvt = rdotl - nm * temp1 * x1mth2 * sin2u / xke;
    const double rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + 1.5 * con41) / xke;

    // Orientation vectors.
    const double sinsu = std::sin(su), cossu = std::cos(su);
    const double snod = std::sin(xnode), cnod = std::cos(xnode);
    const double sini = std::sin(xinc), cosi = std::cos(xinc);
    const double xmx = -snod * cosi;
    const double xmy = cnod * cosi;
    const double ux = xmx * sinsu + cnod * cossu;
    const double uy = xmy * sinsu + snod * cossu;
    const double uz = sini * sinsu;
    const double vx = xmx * cossu - cnod * sinsu;
    const double vy = xmy * cossu - snod * sinsu;
    const double vz = sini * cossu;

    if (mrt < 1.0)
        return Sgp4Error::Decayed;
    state.r = {mrt * ux * wgs72::radiusKm, mrt * uy * wgs72::radiusKm, mrt * uz * wgs72::radiusKm};
    state.v = {(mvt * ux + rvdot * vx) * vkmpersec, (mvt * uy + rvdot * vy) * vkmpersec,
               (mvt * uz + rvdot * vz) * vkmpersec};
    return Sgp4Error::None;
}

Ephemeris tabulate(const Sgp4 &satellite, double start, double stop, double step)
{
    Ephemeris ephemeris;
    auto at = [&](double t) {
        State state;
        const Sgp4Error error = satellite.propagate(t, state);
        if (error != Sgp4Error::None) {
            ephemeris.error = error;
            ephemeris.errorMinutes = t;
            return false;
        }
        ephemeris.minutes.push_back(t);
        ephemeris.states.push_back(state);
        return true;
    };
    if (!(step > 0.0) || !std::isfinite(step) || !std::isfinite(start) || !std::isfinite(stop)) {
        at(0.0);
        return ephemeris;
    }
    // Times by index, not by adding the step: a step below the resolution of the times
    // (--from 1e20 --step 1) left them where they were and never ended.
    const double span = std::floor((stop - start) / step);
    if (span + 1.0 > kMaxTabulatedTimes)
        throw core::Failure(
            u"%1 to %2 minutes every %3 is %4 times, more than %5: choose a "
            "longer step or a shorter span"_qs
                .arg(core::formatNumber(start), core::formatNumber(stop), core::formatNumber(step))
                .arg(QString::number(span + 1.0, 'f', 0))
                .arg(kMaxTabulatedTimes));
    if (!at(0.0))
        return ephemeris;
    const qint64 count = span < 0.0 ? 0 : qint64(span) + 1;
    double t = start;
    for (qint64 i = 0; i < count; ++i) {
        t = start + double(i) * step;
        if (t > stop)
            break;
        if (!(i == 0 && start == 0.0) && !at(t))
            return ephemeris;
    }
    const double next = start + double(count) * step;
    if (next - stop < step - 1e-6) // the last step passed stop: stop itself
        at(stop);
    return ephemeris;
}

} // namespace nqi::planners::satellite
