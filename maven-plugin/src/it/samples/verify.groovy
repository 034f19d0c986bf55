def log = new File(basedir, 'build.log').text
def findings = (log =~ /(?m)^\[(ERROR|WARNING)\] (\S+\.java):(\d+): \[(\w+)\] /).collect { it }

// Step 1: the copies under the inode lock of the buggy variant, and nothing anywhere else.
assert !findings.isEmpty() : 'the buggy variant passed the check'
findings.each {
  assert it[1] == 'ERROR'
  assert it[2].contains('/samples/src/main/java/dev/faultlock/samples/buggy/')
  assert it[4] == 'FaultUnderLock'
}
assert log =~ /faultlock: ${findings.size()} errors?, 0 warnings in samples \(failOn=error\); report: /

// Step 2: the sorted and retry fixes are clean.
assert log =~ /(?m)^\[INFO\] faultlock: 0 errors, 0 warnings in samples; report: /
assert (log =~ /BUILD SUCCESS/).size() == 1
true
