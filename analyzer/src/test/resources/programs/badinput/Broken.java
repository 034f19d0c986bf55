package badinput;

class Broken {
  void f() {
    int x = ;
  }
}
