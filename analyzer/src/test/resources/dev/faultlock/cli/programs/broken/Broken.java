package demo.broken;

final class Broken {
  void f() {
    int x = ;
  }
}
