/*
 * The MPI side of `nqi plan resilience --mpi`, built against the system's MPI and loaded by
 * nqi only when --mpi is given (docs/scale-out.md): nqi itself never links libmpi, so the
 * nqi package needs no MPI; the nqi-mpi package brings this module and its MPI dependency.
 * Every function returns 0 on success, else an MPI error code (nqi_mpi_error says it).
 */
#include <mpi.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

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

/*
 * Rank 0 takes the other ranks' parts one rank at a time, so that it holds one part in memory,
 * and a part may be larger than one MPI message (MPI counts are int): a rank sends its byte
 * count and the size of its pieces (tag 1), then its bytes in pieces of at most that size
 * (tag 2). Rank 0 receives in the sender's pieces, so ranks need not agree on the size.
 */
static int piece_length(long long count, long long at, int piece)
{
    return count - at < piece ? (int)(count - at) : piece;
}

NQI_MPI_EXPORT int nqi_mpi_send(const char *data, long long count, int piece)
{
    const long long header[2] = {count, piece};
    int code = MPI_Send(header, 2, MPI_LONG_LONG, 0, 1, MPI_COMM_WORLD);
    if (code != MPI_SUCCESS)
        return fail("MPI_Send of the part's size", code);
    for (long long at = 0; at < count; at += piece) {
        const int length = piece_length(count, at, piece);
        code = MPI_Send(data + at, length, MPI_CHAR, 0, 2, MPI_COMM_WORLD);
        if (code != MPI_SUCCESS)
            return fail("MPI_Send of the part", code);
    }
    return 0;
}

/* On rank 0: the byte count rank source sends next, and the size of its pieces. */
NQI_MPI_EXPORT int nqi_mpi_receive_count(int source, long long *count, int *piece)
{
    long long header[2] = {0, 0};
    int code = MPI_Recv(header, 2, MPI_LONG_LONG, source, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (code != MPI_SUCCESS)
        return fail("MPI_Recv of a part's size", code);
    if (header[0] < 0 || header[1] <= 0 || header[1] > 2147483647LL) {
        snprintf(error_text, sizeof error_text,
                 "rank %d announced a part of %lld bytes in pieces of %lld bytes", source,
                 header[0], header[1]);
        return -1;
    }
    *count = header[0];
    *piece = (int)header[1];
    return 0;
}

/* On rank 0: count bytes from rank source into data, in the pieces it announced. */
NQI_MPI_EXPORT int nqi_mpi_receive(int source, char *data, long long count, int piece)
{
    for (long long at = 0; at < count; at += piece) {
        const int length = piece_length(count, at, piece);
        MPI_Status status;
        int code = MPI_Recv(data + at, length, MPI_CHAR, source, 2, MPI_COMM_WORLD, &status);
        if (code != MPI_SUCCESS)
            return fail("MPI_Recv of a part", code);
        int received = 0;
        MPI_Get_count(&status, MPI_CHAR, &received);
        if (received != length) {
            snprintf(error_text, sizeof error_text,
                     "rank %d sent a piece of %d bytes where %d were announced", source, received,
                     length);
            return -1;
        }
    }
    return 0;
}

/*
 * Every rank gets rank 0's *value. The others may wait long for it (rank 0 waiting for a
 * project's lock with --wait): they look every 20 ms rather than spin a core each, as a blocking
 * MPI_Bcast does, beside the program whose lock rank 0 waits for.
 */
NQI_MPI_EXPORT int nqi_mpi_broadcast(int *value)
{
    MPI_Request request;
    int code = MPI_Ibcast(value, 1, MPI_INT, 0, MPI_COMM_WORLD, &request);
    if (code != MPI_SUCCESS)
        return fail("MPI_Ibcast", code);
    for (;;) {
        int done = 0;
        code = MPI_Test(&request, &done, MPI_STATUS_IGNORE);
        if (code != MPI_SUCCESS)
            return fail("MPI_Test", code);
        if (done)
            return 0;
        const struct timespec pause = {0, 20 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
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
