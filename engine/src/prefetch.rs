//! Asking the processor to bring a record into the cache ahead of its use, where the next
//! records a loop reads are known before they are read and lie far apart in memory (a city's
//! patients coming due: a random walk over megabytes). A hint only: it changes no value and
//! no order, so no output; on other targets it does nothing.

/// Starts bringing the cache line holding byte `offset` of `record` towards the first level.
#[inline(always)]
pub(crate) fn prefetch_line<T>(record: &T, offset: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        let at = (record as *const T).cast::<i8>().wrapping_add(offset);
        // SAFETY: SSE is part of the x86-64 baseline, and a prefetch reads nothing a program
        // sees: of any address, even one outside `record`, it never faults.
        unsafe { std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(at) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (record, offset);
}
