def log = new File(basedir, 'build.log').text

// No error finding, and step 1 reported what it found.
assert !(log =~ /(?m)^\[ERROR\] \S+\.java:\d+: \[/) : 'an error finding in the fixed program'
assert log =~ /faultlock: 0 errors, 1 warning in fixed-passes; report: \S+\/target\/faultlock\/faultlock\.html/
def warning = log =~ /(?m)^\[WARNING\] \S+\/src\/main\/java\/demo\/Transfer\.java:\d+: \[UnsortedSameClassLocks\] .+$/
assert warning.find() : 'no UnsortedSameClassLocks warning in build.log'
// The advice of this rule (sort), not the copy fixes of a fault.
assert warning.group().endsWith('fix: take them sorted by a stable key, such as `if (a.id() < b.id())`, or through a @SortedAcquire method')
assert !warning.group().contains('fault the pages in')
assert log.substring(warning.end()).readLines()[1].startsWith('[WARNING]     ')
assert new File(basedir, 'target/fixed-passes-1.0.jar').isFile()
// The per-file cache, by default under target/: one entry per source.
def entries = new File(basedir, 'target/faultlock-cache/files').listFiles()?.findAll { it.name.endsWith('.bin') }
assert entries && entries.size() == new File(basedir, 'src/main/java/demo').listFiles().length

// Step 2: failOn=warning fails on it and points at the one requested report.
assert log =~ /faultlock: 0 errors, 1 warning in fixed-passes \(failOn=warning\); report: \S+\/target\/faultlock\/faultlock\.json/
assert new File(basedir, 'target/faultlock/faultlock.json').isFile()
true
