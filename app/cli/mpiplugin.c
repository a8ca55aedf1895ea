/*
 * The MPI side of `nqi plan resilience --mpi`, built against the system's MPI and loaded by
 * nqi only when --mpi is given (docs/scale-out.md): nqi itself never links libmpi, so the
 * nqi package needs no MPI; the nqi-mpi package brings this module and its MPI dependency.
 * Every function returns 0 on success, else an MPI error code (nqi_mpi_error says it).
 */
#include <mpi.h>

#include <stdio.h>
#include <string.h>

#define NQI_MPI_EXPORT __attribute__((visibility("default")))

static char error_text[MPI_MAX_ERROR_STRING + 64];

static int fail(const char *what, int code)
{
    char text[MPI_MAX_ERROR_STRING] = "";
    int length = 0;
    if (MPI_Error_string(code, text, &length) != MPI_SUCCESS)
        snprintf(text, sizeof text, "MPI error %d", code);
    snprintf(error_text, sizeof error_text, "%s: %s", what, text);
    return code == 0 ? -1 : code;
}

NQI_MPI_EXPORT const char *nqi_mpi_error(void)
{
    return error_text;
}

NQI_MPI_EXPORT const char *nqi_mpi_library(void)
{
    static char version[MPI_MAX_LIBRARY_VERSION_STRING] = "";
    int length = 0;
    if (MPI_Get_library_version(version, &length) != MPI_SUCCESS)
        return "";
    /* The first line is enough ("Open MPI v4.1.4, package: ..."). */
    char *newline = strchr(version, '\n');
    if (newline)
        *newline = '\0';
    return version;
}

/* rank and size in MPI_COMM_WORLD; local_size: ranks on this node (they share its cores). */
NQI_MPI_EXPORT int nqi_mpi_init(int *rank, int *size, int *local_size)
{
    int code = MPI_Init(NULL, NULL);
    if (code != MPI_SUCCESS)
        return fail("MPI_Init", code);
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    if ((code = MPI_Comm_rank(MPI_COMM_WORLD, rank)) != MPI_SUCCESS)
        return fail("MPI_Comm_rank", code);
    if ((code = MPI_Comm_size(MPI_COMM_WORLD, size)) != MPI_SUCCESS)
        return fail("MPI_Comm_size", code);
    MPI_Comm node;
    *local_size = 1;
    if (MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, *rank, MPI_INFO_NULL, &node)
        == MPI_SUCCESS) {
        MPI_Comm_size(node, local_size);
        MPI_Comm_free(&node);
    }
    return 0;
}

/* Rank 0 receives every rank's byte count in counts (size entries). */
NQI_MPI_EXPORT int nqi_mpi_gather_counts(int count, int *counts)
{
    int code = MPI_Gather(&count, 1, MPI_INT, counts, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return code == MPI_SUCCESS ? 0 : fail("MPI_Gather", code);
}

/* Rank 0 receives every rank's bytes one after the other (counts and displacements from it). */
NQI_MPI_EXPORT int nqi_mpi_gatherv(const char *data,
                                   int count,
                                   char *received,
                                   const int *counts,
                                   const int *displacements)
{
    int code = MPI_Gatherv(data, count, MPI_CHAR, received, counts, displacements, MPI_CHAR, 0,
                           MPI_COMM_WORLD);
    return code == MPI_SUCCESS ? 0 : fail("MPI_Gatherv", code);
}

NQI_MPI_EXPORT int nqi_mpi_finalize(void)
{
    int code = MPI_Finalize();
    return code == MPI_SUCCESS ? 0 : fail("MPI_Finalize", code);
}

NQI_MPI_EXPORT void nqi_mpi_abort(int code)
{
    MPI_Abort(MPI_COMM_WORLD, code);
}
