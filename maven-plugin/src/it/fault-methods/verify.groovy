def log = new File(basedir, 'build.log').text
// One chunk per build: each starts by scanning for projects.
def steps = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('BUILD ') }
assert steps.size() >= 3 : "expected three builds in build.log, found ${steps.size()}"

def one = steps[0]
assert one =~ /(?m)^\[ERROR\] \S+\/src\/main\/java\/demo\/Copier\.java:16: \[FaultUnderLock\] `FileChannel\.transferTo` may fault while lock `this` \(class Copier\) is held: the fault runs `Copier\.fault`/
assert one =~ /faultlock: 1 error, 0 warnings in fault-methods/

def two = steps[1]
assert two.contains('faultlock: faultMethods (faultlock.faultMethods): `FileChannel.transferTo` is not Type#method (such as java.nio.channels.FileChannel#transferTo)')
assert !two.contains('faultlock: analysing')

def three = steps[2]
assert three =~ /faultlock: 0 errors, 0 warnings in fault-methods/
assert three.contains('BUILD SUCCESS')

assert !(log =~ /(?m)^\s+at [a-z]+\.[\w.$]+\(/) : 'a stack trace in the log'
true
