// The project as a user makes it from the README: the annotations dependency and the plugin
// snippet pasted into the pom, verbatim.
def fresh = evaluate(new File(basedir, '../../../../rules/src/it/fresh-repo.groovy'))
def readme = new File(basedir, '../../../../README.md').text
def dependencies = fresh.snippet(readme, '## Compile time (Error Prone)', 'xml') =~ /(?s)<dependencies>.*?<\/dependencies>/
assert dependencies.find() : 'no <dependencies> in the Error Prone snippet'

def pom = new File(basedir, 'pom.xml')
pom.text = pom.text
    .replace('<!-- README: dependencies -->', dependencies.group())
    .replace('<!-- README: Maven plugin snippet -->', fresh.snippet(readme, '## Maven plugin', 'xml'))

def standIn = fresh.centralStandIn(fresh.userRepository(), new File(basedir, '../../central-stand-in').canonicalFile)
fresh.writeSettings(new File(basedir, 'fresh-settings.xml'), standIn)
return true
