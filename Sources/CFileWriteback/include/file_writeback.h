// Starting a file's writeback early: sync_file_range is a Linux call that Swift's Glibc module does not
// show (it needs _GNU_SOURCE), so it is reached through this one function.
#ifndef PF_FILE_WRITEBACK_H
#define PF_FILE_WRITEBACK_H

#include <stdint.h>

/// Starts writing bytes [offset, offset + length) of `fd` to the disk without waiting for it. Returns 0, or
/// -1 with errno set (the caller may ignore it: the data is written later either way).
int pf_start_writeback(int fd, int64_t offset, int64_t length);

#endif
